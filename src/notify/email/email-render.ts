/** An alert as an email: a plain-text part and an HTML part with the same content. */
import type { Alert } from '../alert';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function emailSubject(alert: Alert, prefix: string): string {
  return `${prefix} ${alert.heading}`.trim().replace(/[\r\n]+/g, ' ');
}

export function emailText(alert: Alert): string {
  const links = alert.links.map((l) => `${l.text}: ${l.url}`);
  return [alert.heading, '', ...alert.lines, '', ...links, '', `Program ${alert.programId} · severity ${alert.severity} · level ${alert.level}`].join('\n');
}

export function emailHtml(alert: Alert): string {
  const lines = alert.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  const links = alert.links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a>`).join(' &middot; ');
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(alert.heading)}</h2>`,
    lines,
    links ? `<p>${links}</p>` : '',
    `<p style="color:#555">Program ${escapeHtml(alert.programId)} &middot; severity ${escapeHtml(alert.severity)} &middot; level ${escapeHtml(alert.level)}</p>`,
    '</body></html>',
  ].join('\n');
}
