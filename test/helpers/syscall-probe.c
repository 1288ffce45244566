/*
 * Test helper for the enforcer tests, compiled at test time with cc.
 * Each mode prints one line per result, to stdout or to -o FILE.
 *   probe [-o FILE] status                 the confinement and signal lines of /proc/self/status
 *   probe [-o FILE] fds                    the open descriptor numbers
 *   probe [-o FILE] call NR [ARG...]       syscall(NR, ARG...): "ok RET" or "errno N"
 *   probe [-o FILE] calls NR...            each syscall with zero arguments: "NR ok RET" or "NR errno N"
 *   probe [-o FILE] x32 NR                 the same with __X32_SYSCALL_BIT
 *   probe [-o FILE] i386 NR                int $0x80 (the i386 ABI) from this x86_64 process
 *   probe [-o FILE] work                   files, a socket, a thread, execve of /bin/true: "ok" or what failed
 *   probe [-o FILE] loop N                 N getppid() calls: "ns-per-call X"
 *   probe [-o FILE] touch PATH             creates PATH (a side effect a test can look for)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static FILE *out;

static void result(long rc) {
  if (rc == -1) fprintf(out, "errno %d\n", errno);
  else fprintf(out, "ok %ld\n", rc);
}

static long arg(char **argv, int argc, int i) { return i < argc ? strtol(argv[i], NULL, 0) : 0; }

static void *thread_main(void *p) { return p; }

static int work(void) {
  char path[] = "/tmp/caplint-probe-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0 || write(fd, "x", 1) != 1) return fprintf(out, "file errno %d\n", errno), 1;
  close(fd);
  unlink(path);
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return fprintf(out, "socket errno %d\n", errno), 1;
  close(s);
  pthread_t t;
  if ((errno = pthread_create(&t, NULL, thread_main, NULL)) != 0) return fprintf(out, "thread errno %d\n", errno), 1;
  pthread_join(t, NULL);
  pid_t pid = fork();
  if (pid < 0) return fprintf(out, "fork errno %d\n", errno), 1;
  if (pid == 0) {
    execl("/bin/true", "true", (char *)NULL);
    _exit(99);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return fprintf(out, "execve status %d\n", status), 1;
  fprintf(out, "ok\n");
  return 0;
}

int main(int argc, char **argv) {
  out = stdout;
  int i = 1;
  if (argc > 2 && strcmp(argv[1], "-o") == 0) {
    out = fopen(argv[2], "w");
    if (!out) return 2;
    i = 3;
  }
  if (i >= argc) return 2;
  const char *mode = argv[i++];
  if (strcmp(mode, "status") == 0) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f))
      if (!strncmp(line, "Cap", 3) || !strncmp(line, "NoNewPrivs", 10) || !strncmp(line, "Seccomp", 7) ||
          !strncmp(line, "SigBlk", 6) || !strncmp(line, "SigIgn", 6))
        fputs(line, out);
  } else if (strcmp(mode, "fds") == 0) {
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while (d && (e = readdir(d)))
      if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d) && (out == stdout || atoi(e->d_name) != fileno(out)))
        fprintf(out, "%s\n", e->d_name);
  } else if (strcmp(mode, "call") == 0) {
    result(syscall(arg(argv, argc, i), arg(argv, argc, i + 1), arg(argv, argc, i + 2), arg(argv, argc, i + 3),
                   arg(argv, argc, i + 4), arg(argv, argc, i + 5), arg(argv, argc, i + 6)));
  } else if (strcmp(mode, "calls") == 0) {
    for (; i < argc; i++) {
      long nr = strtol(argv[i], NULL, 0);
      long rc = syscall(nr, 0L, 0L, 0L, 0L, 0L, 0L);
      if (rc == -1) fprintf(out, "%ld errno %d\n", nr, errno);
      else fprintf(out, "%ld ok %ld\n", nr, rc);
    }
  } else if (strcmp(mode, "x32") == 0) {
    result(syscall(arg(argv, argc, i) | 0x40000000L));
  } else if (strcmp(mode, "i386") == 0) {
#if defined(__x86_64__)
    long rc, nr = arg(argv, argc, i);
    __asm__ volatile("int $0x80" : "=a"(rc) : "a"(nr) : "memory");
    if (rc < 0 && rc > -4096) errno = (int)-rc, rc = -1;
    result(rc);
#else
    fprintf(out, "unsupported\n");
#endif
  } else if (strcmp(mode, "work") == 0) {
    work();
  } else if (strcmp(mode, "loop") == 0) {
    long n = arg(argv, argc, i);
    struct timespec a, b;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a); /* CPU time: steadier than wall time on a shared machine */
    for (long k = 0; k < n; k++) syscall(SYS_getppid);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    fprintf(out, "ns-per-call %.1f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / (double)n);
  } else if (strcmp(mode, "touch") == 0) {
    FILE *f = i < argc ? fopen(argv[i], "w") : NULL;
    if (!f) return 3;
    fclose(f);
  } else {
    return 2;
  }
  fclose(out);
  return 0;
}
