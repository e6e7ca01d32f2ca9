/** Comments: ADF body, tracker-side fingerprint markers, recovery after a crash between POST and marker. */
import { COMMENT_PROPERTY, markerKey } from '../../connectors/jira/push';
import { startWorld, type World } from './helpers';

let w: World;
beforeEach(async () => {
  w = await startWorld('EHR');
  w.sandbox.addIssue({ project: 'EHR', summary: 'HIPAA SRA' });
});
afterEach(() => w.sandbox.close());

const comment = { fingerprint: 'risk:EHR:gate-overdue:hipaa-sra', heading: 'Compliance gate overdue', lines: ['The HIPAA SRA was due 2026-02-20.', '', 'It blocks the testing phase.'], link: { text: 'Open in Vitals', url: 'https://vitals.example.test/programs/ehr' } };

describe('Jira comments', () => {
  it('posts ADF with heading, paragraphs and link, and records the fingerprint on both sides', async () => {
    const out = await w.connect().postComment('EHR-1', comment);
    expect(out.status).toBe('posted');
    const stored = w.sandbox.state.comments.get('EHR-1')?.[0];
    expect(stored?.body).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Compliance gate overdue' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'The HIPAA SRA was due 2026-02-20.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'It blocks the testing phase.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Open in Vitals', marks: [{ type: 'link', attrs: { href: 'https://vitals.example.test/programs/ehr' } }] }] },
      ],
    });
    expect(stored?.properties.get(COMMENT_PROPERTY)).toEqual({ fingerprint: comment.fingerprint });
    expect(w.sandbox.state.issueProperties.get('EHR-1')?.get(markerKey(comment.fingerprint))).toEqual({ v: 1, fingerprint: comment.fingerprint, state: 'posted', commentId: out.commentId });
  });

  it('a crash after the POST (marker still pending) does not cause a repost', async () => {
    // What a worker leaves behind if it dies between the comment POST and the marker update.
    w.sandbox.state.issueProps('EHR-1').set(markerKey(comment.fingerprint), { v: 1, fingerprint: comment.fingerprint, state: 'pending', commentId: null });
    const orphan = w.sandbox.state.addComment('EHR-1', w.sandbox.accountId, { type: 'doc', version: 1, content: [] }, [{ key: COMMENT_PROPERTY, value: { fingerprint: comment.fingerprint } }]);
    w.sandbox.state.addComment('EHR-1', 'someone-else', { type: 'doc', version: 1, content: [] });
    const out = await w.connect().postComment('EHR-1', comment);
    expect(out).toEqual({ status: 'duplicate', commentId: orphan.id });
    expect(w.sandbox.state.comments.get('EHR-1')).toHaveLength(2);
    expect(w.sandbox.state.issueProperties.get('EHR-1')?.get(markerKey(comment.fingerprint))).toEqual(expect.objectContaining({ state: 'posted', commentId: orphan.id }));
  });

  it('a pending marker with no matching comment posts once', async () => {
    w.sandbox.state.issueProps('EHR-1').set(markerKey(comment.fingerprint), { v: 1, fingerprint: comment.fingerprint, state: 'pending', commentId: null });
    expect((await w.connect().postComment('EHR-1', comment)).status).toBe('posted');
    expect((await w.connect().postComment('EHR-1', comment)).status).toBe('duplicate');
    expect(w.sandbox.state.comments.get('EHR-1')).toHaveLength(1);
  });

  it('a failed POST is not retried blindly; the next attempt posts exactly once', async () => {
    const c = w.connect();
    // Marker read and pending write succeed; the POST itself meets a 500 (once).
    let posts = 0;
    w.sandbox.failWhen = (method, path) => (method === 'POST' && path.endsWith('/comment') && ++posts === 1 ? 500 : null);
    await expect(c.postComment('EHR-1', comment)).rejects.toThrow(/add comment/);
    expect(posts).toBe(1);
    expect(w.sandbox.state.comments.get('EHR-1') ?? []).toHaveLength(0);
    expect((await c.postComment('EHR-1', comment)).status).toBe('posted');
    expect(w.sandbox.state.comments.get('EHR-1')).toHaveLength(1);
  });

  it('posting on a deleted issue is a typed not_found', async () => {
    await expect(w.connect().postComment('EHR-404', comment)).rejects.toMatchObject({ reason: 'not_found' });
  });
});
