const m2Format = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const muFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Square metres with two decimals (the precision of TBMJ), grouped: 12,345.67 m². */
export const formatM2 = (m2: number): string => `${m2Format.format(m2)} m²`;

/** Mu for display: m² × 0.0015 (docs/domain.md §2.3), two decimals. */
export const formatMu = (mu: number): string => `${muFormat.format(mu)} 亩`;

export const m2ToMu = (m2: number): number => m2 * 0.0015;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
