/** PostgreSQL WAL positions ("16/B374D848", or zero-padded "00000016/B374D848": both occur) as comparable numbers. */
export function parseLsn(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  if (hi === undefined || lo === undefined) throw new Error(`not an LSN: '${lsn}'`);
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

export function formatLsn(n: bigint): string {
  return `${(n >> 32n).toString(16).toUpperCase()}/${(n & 0xffffffffn).toString(16).toUpperCase()}`;
}
