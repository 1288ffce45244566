// Runs a classic-BPF seccomp program on one struct seccomp_data, as the
// kernel would. The recorder uses it to learn what the base profile decides
// for a notified call (the recording filter only says "notify").
#pragma once
#include <linux/filter.h>
#include <linux/seccomp.h>

#include <cstdint>
#include <vector>

namespace caplint {

// The filter's return value; 0 (KILL_THREAD) for a program that runs off its
// end or divides by zero. The program was checked by the kernel when the
// recording filter, compiled from the same table, was attached.
uint32_t RunSeccompBpf(const std::vector<sock_filter>& program, const seccomp_data& data);

}  // namespace caplint
