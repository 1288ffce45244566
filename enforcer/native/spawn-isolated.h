// The parent side of a launch with namespaces or cgroups.
#pragma once
#include "spawn.h"

namespace caplint {

// Like Launch, for plan.isolation.active. Namespace creation failing (clone
// EPERM, for one) is a StepFailure at kStepNamespaces, not an exception.
// `listener` (a recording launch): in shared memory (listener-slot.h).
LaunchOutcome LaunchIsolated(const ChildPlan& plan, ListenerSlot* listener = nullptr);

}  // namespace caplint
