/** IPC channel names are `fc:` + the contract's method name. */
export const IPC_PREFIX = 'fc:';
/** Raw file bytes for import travel on their own channel, outside the JSON contract. */
export const UPLOAD_CHANNEL = 'fc-upload';
