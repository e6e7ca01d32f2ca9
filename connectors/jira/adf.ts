/** CommentRequest → Atlassian Document Format (v3 comment bodies are ADF documents). */
import type { CommentRequest } from '../contract';

type Text = { type: 'text'; text: string; marks?: Array<{ type: string; attrs?: Record<string, string> }> };
type Block = { type: 'heading'; attrs: { level: number }; content: Text[] } | { type: 'paragraph'; content: Text[] };
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: Block[];
}

export function toAdf(comment: CommentRequest): AdfDoc {
  const content: Block[] = [{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: comment.heading }] }];
  // ADF rejects empty text nodes, so blank lines are dropped rather than sent.
  for (const line of comment.lines) if (line.trim()) content.push({ type: 'paragraph', content: [{ type: 'text', text: line }] });
  if (comment.link) {
    content.push({
      type: 'paragraph',
      content: [{ type: 'text', text: comment.link.text, marks: [{ type: 'link', attrs: { href: comment.link.url } }] }],
    });
  }
  return { type: 'doc', version: 1, content };
}
