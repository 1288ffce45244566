/*
 * Runs calls under a seccomp filter in the real kernel, for the emulator's
 * tests. Reads lines on stdin:
 *   L <hex>                       try to load the program; prints "ok" or "err <errno>"
 *   P <hex>                       the program for the calls that follow
 *   C <nr> <a0> ... <a5>          an x86_64 call (syscall(2))
 *   I <nr> <a0> ... <a5>          an i386 call (int $0x80), arguments truncated to 32 bits
 *   R                             run the calls in a child under the program; prints
 *                                 "<ret> <errno>" per call
 * The program is prefixed with "allow exit_group" so the child can leave; the
 * calls' actions must never allow (ERRNO or TRACE without a tracer), so no
 * call runs. x86_64 only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_INSNS 4200
#define MAX_CALLS 65536

struct call { int i386; long nr; unsigned long a[6]; };
struct result { long ret; int err; };

static struct sock_filter prog[MAX_INSNS + 3];
static unsigned short prog_len;
static struct call calls[MAX_CALLS];
static int ncalls;

static int parse_program(const char *hex) {
  size_t n = strlen(hex) / 16;
  if (n > MAX_INSNS) return -1;
  prog[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0);
  prog[1] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_exit_group, 0, 1);
  prog[2] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  for (size_t i = 0; i < n; i++) {
    unsigned char b[8];
    for (int j = 0; j < 8; j++) sscanf(hex + i * 16 + j * 2, "%2hhx", &b[j]);
    prog[i + 3].code = b[0] | (b[1] << 8);
    prog[i + 3].jt = b[2];
    prog[i + 3].jf = b[3];
    prog[i + 3].k = b[4] | (b[5] << 8) | (b[6] << 16) | ((unsigned)b[7] << 24);
  }
  prog_len = n + 3;
  return 0;
}

static long int80(long nr, const unsigned long *a) {
  long ret;
  register unsigned long r8 __asm__("r8") = a[5];
  __asm__ volatile("push %%rbp\n\tmov %%r8, %%rbp\n\tint $0x80\n\tpop %%rbp"
                   : "=a"(ret), "+r"(r8)
                   : "a"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4])
                   : "memory", "r9", "r10", "r11", "cc");
  return ret;
}

static int install(void) {
  struct sock_fprog fprog = { .len = prog_len, .filter = prog };
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) return errno;
  return 0;
}

static void run(int load_only) {
  struct result *out = mmap(NULL, sizeof(struct result) * (ncalls + 1), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pid_t pid = fork();
  if (pid == 0) {
    out[0].err = install();
    if (out[0].err == 0 && !load_only)
      for (int i = 0; i < ncalls; i++) {
        errno = 0;
        long r = calls[i].i386 ? int80(calls[i].nr, calls[i].a) : syscall(calls[i].nr, calls[i].a[0], calls[i].a[1], calls[i].a[2], calls[i].a[3], calls[i].a[4], calls[i].a[5]);
        if (calls[i].i386 && (int)r < 0 && (int)r > -4096) { out[i + 1].ret = -1; out[i + 1].err = -(int)r; }
        else { out[i + 1].ret = r; out[i + 1].err = errno; }
      }
    syscall(SYS_exit_group, 0);
  }
  int status;
  waitpid(pid, &status, 0);
  if (load_only) printf(out[0].err ? "err %d\n" : "ok\n", out[0].err);
  else if (out[0].err) printf("load %d\n", out[0].err);
  else if (!WIFEXITED(status)) printf("signal %d\n", WTERMSIG(status));
  else for (int i = 0; i < ncalls; i++) printf("%ld %d\n", out[i + 1].ret, out[i + 1].err);
  fflush(stdout);
  munmap(out, sizeof(struct result) * (ncalls + 1));
  ncalls = 0;
}

int main(void) {
  static char line[1 << 17];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    if ((line[0] == 'L' || line[0] == 'P') && parse_program(line + 2) != 0) { printf("too long\n"); continue; }
    if (line[0] == 'L') run(1);
    else if (line[0] == 'R') run(0);
    else if ((line[0] == 'C' || line[0] == 'I') && ncalls < MAX_CALLS) {
      struct call *c = &calls[ncalls++];
      c->i386 = line[0] == 'I';
      sscanf(line + 2, "%ld %lu %lu %lu %lu %lu %lu", &c->nr, &c->a[0], &c->a[1], &c->a[2], &c->a[3], &c->a[4], &c->a[5]);
    }
  }
  return 0;
}
