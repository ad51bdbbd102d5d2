export function electronBinary(): { path: string } | { missing: string; installScript?: string };
