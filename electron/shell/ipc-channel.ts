/** IPC channel names are `fc:` + the contract's method name. */
export const IPC_PREFIX = 'fc:';
