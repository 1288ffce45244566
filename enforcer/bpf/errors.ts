/** A BPF program the kernel would refuse, or a table that cannot be compiled. */
import { CaplintError } from '../../engine/errors.js';

export class BpfError extends CaplintError {
  constructor(message: string) {
    super(message);
    this.name = 'BpfError';
  }
}
