/*
 * Hostile targets for the live-scan tests, compiled at test time with cc.
 *   scan-targets vfork-stuck   attaches a seccomp filter (allow all), then vfork()s a child that
 *                              neither execs nor exits: the parent never stops for a ptrace interrupt
 *   scan-targets named NAME    sets its comm to NAME (PR_SET_NAME, any bytes) and waits
 * Each prints "ready" once set up (vfork-stuck: from the vfork child), then waits until killed.
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 2 && strcmp(argv[1], "named") == 0) {
    if (prctl(PR_SET_NAME, argv[2], 0, 0, 0) != 0) return 2;
    printf("ready\n");
    fflush(stdout);
    for (;;) pause();
  }
  if (argc > 1 && strcmp(argv[1], "vfork-stuck") == 0) {
    struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog prog = {1, &allow};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return 2;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) return 2;
    if (vfork() == 0) {
      syscall(SYS_write, 1, "ready\n", 6); /* from the vfork child: the parent is inside vfork() by now */
      for (;;) syscall(SYS_pause);          /* no exec, no exit */
    }
    return 0;
  }
  return 2;
}
