/**
 * Kernel file systems (/proc, /sys, /dev and their kin): liqsim neither reads scenario files from
 * them (a FIFO or /dev/zero never ends; /proc/self/environ leaks the environment) nor writes output
 * to them (some writes there spin or hang). One test for both directions.
 */
import { realpathSync, statfsSync } from 'node:fs';
import { resolve, sep } from 'node:path';

const PREFIXES = ['/proc', '/sys', '/dev'];
/** statfs magic numbers of kernel file systems that can also be mounted elsewhere. */
const FS_TYPES = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x64626720, // debugfs
  0x74726163, // tracefs
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
  0x73636673, // securityfs
  0x1cd1, // devpts
  0x62656570, // configfs
  0xcafe4a11, // bpf
]);

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + sep);
}

/**
 * Whether an existing path lies on a kernel file system: by its path (as given and with links
 * resolved) and, where statfs is available, by its file system's type.
 */
export function onKernelFileSystem(path: string): boolean {
  const abs = resolve(path);
  let real = abs;
  try {
    real = realpathSync(abs);
  } catch {
    // gone or unreadable: the path as given still tells
  }
  if (PREFIXES.some((p) => isUnder(real, p) || isUnder(abs, p))) return true;
  try {
    return FS_TYPES.has(Number(statfsSync(real).type));
  } catch {
    return false;
  }
}
