/**
 * Syscall names that exist only on architectures caplint has no table for
 * (arm, powerpc, s390, mips, riscv, alpha, ...). libseccomp knows them, so a
 * profile may list them; on x86_64, i386, x32 and aarch64 they are skipped,
 * never reported as typos. Names taken from the kernels' per-architecture
 * syscall tables (arch/<arch>/.../syscall*.tbl).
 */
export const OTHER_ARCH_SYSCALLS: ReadonlySet<string> = new Set([
  // arm (arch/arm/tools/syscall.tbl)
  'arm_fadvise64_64', 'arm_sync_file_range', 'sync_file_range2', 'breakpoint', 'cacheflush', 'set_tls',
  'usr26', 'usr32', 'recv', 'send', 'pciconfig_iobase', 'pciconfig_read', 'pciconfig_write',
  // powerpc (arch/powerpc/kernel/syscalls/syscall.tbl)
  'swapcontext', 'spu_run', 'spu_create', 'subpage_prot', 'switch_endian', 'sys_debug_setcontext',
  'rtas', 'multiplexer',
  // s390 (arch/s390/kernel/syscalls/syscall.tbl)
  's390_pci_mmio_read', 's390_pci_mmio_write', 's390_runtime_instr', 's390_guarded_storage', 's390_sthyi',
  // mips (arch/mips/kernel/syscalls/syscall_o32.tbl)
  'syscall', 'sysmips', 'cachectl', 'timerfd',
  // riscv (arch/riscv/include/uapi/asm/unistd.h)
  'riscv_flush_icache', 'riscv_hwprobe',
]);
