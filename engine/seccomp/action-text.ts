/** Actions as people read them: ALLOW, ERRNO(1) EPERM, KILL_PROCESS, TRACE(7). */
import type { Action } from './types.js';

const ERRNO_NAMES: Readonly<Record<number, string>> = {
  1: 'EPERM', 2: 'ENOENT', 5: 'EIO', 9: 'EBADF', 13: 'EACCES', 14: 'EFAULT', 22: 'EINVAL', 38: 'ENOSYS', 95: 'EOPNOTSUPP',
};

export function actionText(action: Action): string {
  switch (action.kind) {
    case 'errno': {
      const name = ERRNO_NAMES[action.errno];
      return `ERRNO(${action.errno})${name ? ` ${name}` : ''}`;
    }
    case 'trace': return `TRACE(${action.data})`;
    case 'notify': return 'USER_NOTIF';
    default: return action.kind.toUpperCase();
  }
}
