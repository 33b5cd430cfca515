// @ts-check
// Labels the posts of a feed, for any site adapter (sites/*.js). Each post is classified once per
// id: sites recycle cells while scrolling, so the id, not the element, is the key. Only posts near
// the viewport are sent, in batches, one message per batch; rendering is cheap DOM work per post.
// The data-riskhint-* attributes are output only (for tests and styling): which element shows
// which post is kept here, because the page can write those attributes too.

/**
 * (PostRequest, PostReport and SummaryRow are in types.d.ts.)
 * @typedef {{element: Element, textElement: Element | null, skip: Element | null, post: PostRequest}} SeenPost
 *   a post on the page: the element that gets the labels, where its text is, and what to leave out
 * @typedef {{
 *   postSelector: string,
 *   containers: () => Element[],
 *   read: (article: Element) => SeenPost[],
 *   expectsPosts?: () => boolean,
 * }} FeedAdapter
 *   expectsPosts: whether this page (by its URL) should show posts; when it should and none are
 *   found, the popup says the layout is not recognised
 */

/* exported riskhintTimeline */
var riskhintTimeline = (() => {
  const BATCH = 40;
  // The semantic tier reads posts one at a time (tens of milliseconds each in the worker), one
  // request in flight, newest in view first, and only once the fast tier has had nothing to do for
  // a moment: the worker is single-threaded, and a fast verdict queued behind semantic work took
  // a post's badge from 24 to 200 ms (p95) while scrolling. So labels refine when the reader
  // slows down or stops, which is when they read.
  const SEMANTIC_BATCH = 1;
  const SEMANTIC_QUIET_MS = 250;
  const CACHE_LIMIT = 5000;
  const EVIDENCE_HIGHLIGHT = 'riskhint-evidence';

  /**
   * Starts labelling the feed.
   * @param {FeedAdapter} site
   */
  function start(site) {
    /** @type {Map<string, PostReport>} reports by post id */
    const reports = new Map();
    /** @type {Map<string, SeenPost>} posts waiting for the engine, by id */
    const queue = new Map();
    /** @type {Map<string, SummaryRow>} every post labelled on this page, for the popup */
    const summary = new Map();
    /** @type {WeakMap<Element, string>} the post id each element was given, and whether it is labelled */
    const given = new WeakMap();
    /** @type {WeakSet<Element>} elements that show their post's labels now */
    const labelled = new WeakSet();
    /** @type {Map<string, WeakRef<Element>>} where each post was last shown, for the popup's "show" */
    const shownAt = new Map();
    let flushTimer = 0;
    /** @type {Map<string, SeenPost>} posts labelled by the fast tier, waiting for the semantic tier */
    const semanticQueue = new Map();
    /** @type {Set<string>} posts whose labels came from both tiers */
    const semanticDone = new Set();
    /** Whether a semantic request is out; false for good once the tier proved unavailable. */
    let semanticBusy = false;
    let semanticAvailable = true;
    /** When the fast tier last sent or received a batch (performance.now()). */
    let fastActiveAt = 0;
    let semanticTimer = 0;

    // Posts within about two screens of the viewport: a virtualised feed (X) renders its cells that
    // far out, so a post is labelled as it enters the page, before anyone sees it; a long feed that
    // keeps every post (Facebook, LinkedIn) still waits until the reader gets near.
    const visibility = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) consider(entry.target);
    }, { rootMargin: '2000px 0px' });

    /** @type {WeakSet<Element>} */
    const watched = new WeakSet();
    /** @param {Element} article */
    function watch(article) {
      if (watched.has(article)) return;
      watched.add(article);
      visibility.observe(article);
    }

    /**
     * Reads an article and labels it, from the cache or after asking the engine.
     * @param {Element} article
     */
    function consider(article) {
      if (riskhintClient.isPaused()) return;
      for (const seen of site.read(article)) {
        const { element, post } = seen;
        if (given.get(element) === post.id && labelled.has(element)) continue;
        given.set(element, post.id);
        labelled.delete(element);
        shownAt.delete(post.id); // most recent last, for trimming
        if (shownAt.size >= CACHE_LIMIT) shownAt.delete(/** @type {string} */ (shownAt.keys().next().value));
        shownAt.set(post.id, new WeakRef(element));
        element.setAttribute('data-riskhint-id', post.id);
        const cached = reports.get(post.id);
        if (cached) {
          render(seen, cached);
          queueSemantic(seen);
        } else {
          queue.set(post.id, seen);
        }
      }
      // Posts that came into view in the same frame arrive in one callback, so they go as one batch
      // without waiting longer: every millisecond here is a millisecond before the badge.
      if (queue.size && !flushTimer) flushTimer = window.setTimeout(flush, 0);
    }

    async function flush() {
      flushTimer = 0;
      const batch = [...queue.values()].slice(0, BATCH);
      batch.forEach((seen) => queue.delete(seen.post.id));
      if (queue.size) flushTimer = window.setTimeout(flush, 0);
      let answers;
      fastActiveAt = performance.now();
      try {
        answers = await riskhintClient.classify(batch.map((seen) => seen.post));
        fastActiveAt = performance.now();
      } catch (error) {
        // The page keeps working without labels; the posts in view are tried again shortly (the
        // worker may have been restarting), and the others when they scroll into view.
        console.debug('riskhint: could not label posts', error);
        batch.forEach((seen) => given.delete(seen.element));
        setTimeout(scan, 2000);
        return;
      }
      batch.forEach((seen, i) => keep(seen, answers[i]));
      batch.forEach(queueSemantic);
    }

    /**
     * Caches a post's report and shows it where the post still is (the cell may show another
     * post by now).
     * @param {SeenPost} seen
     * @param {PostReport} report
     */
    function keep(seen, report) {
      if (reports.size >= CACHE_LIMIT) reports.delete(/** @type {string} */ (reports.keys().next().value));
      reports.delete(seen.post.id);
      reports.set(seen.post.id, report);
      if (given.get(seen.element) === seen.post.id) render(seen, report);
    }

    /**
     * Queues a post the fast tier labelled for the semantic tier (once per post).
     * @param {SeenPost} seen
     */
    function queueSemantic(seen) {
      if (!semanticAvailable || semanticDone.has(seen.post.id)) return;
      semanticQueue.delete(seen.post.id); // newest last: read first
      semanticQueue.set(seen.post.id, seen);
      if (!semanticBusy && !semanticTimer) semanticTimer = window.setTimeout(flushSemantic, SEMANTIC_QUIET_MS);
    }

    /** Whether a post is still shown where it was seen. */
    const stillShown = (/** @type {SeenPost} */ seen) => seen.element.isConnected && given.get(seen.element) === seen.post.id;

    /** Sends the newest queued posts still on the page to the semantic tier, one batch at a time. */
    async function flushSemantic() {
      semanticTimer = 0;
      const quietFor = performance.now() - fastActiveAt;
      if (queue.size || flushTimer || quietFor < SEMANTIC_QUIET_MS) {
        semanticTimer = window.setTimeout(flushSemantic, Math.max(50, SEMANTIC_QUIET_MS - quietFor));
        return;
      }
      for (const seen of [...semanticQueue.values()]) if (!stillShown(seen)) semanticQueue.delete(seen.post.id);
      const batch = [...semanticQueue.values()].reverse().slice(0, SEMANTIC_BATCH);
      batch.forEach((seen) => semanticQueue.delete(seen.post.id));
      if (!batch.length) return;
      semanticBusy = true;
      try {
        const answers = await riskhintClient.classifySemantic(batch.map((seen) => seen.post));
        batch.forEach((seen, i) => {
          if (semanticDone.size >= CACHE_LIMIT) semanticDone.delete(/** @type {string} */ (semanticDone.values().next().value));
          semanticDone.add(seen.post.id);
          summary.delete(seen.post.id); // the popup lists the refined labels
          keep(seen, answers[i]);
          if (stillShown(seen)) seen.element.setAttribute('data-riskhint-tier', 'semantic');
        });
      } catch {
        // No semantic tier (no asset, or it failed to load): the fast labels stand, and nothing is said.
        semanticAvailable = false;
        semanticQueue.clear();
      } finally {
        semanticBusy = false;
      }
      if (semanticQueue.size && !semanticTimer) semanticTimer = window.setTimeout(flushSemantic, 0);
    }

    /**
     * @param {SeenPost} seen
     * @param {PostReport} report
     */
    function render(seen, report) {
      if (riskhintClient.isPaused()) return; // an answer that arrived after the user paused
      const { element, post } = seen;
      if (!summary.has(post.id)) {
        summary.set(post.id, {
          // A leaked number or secret is kept and exported only masked (the engine's `masked`).
          id: post.id, url: location.href, author: post.author ?? '', text: report.masked ?? post.text, labels: report.labels, risk: report.risk,
          replies: post.replies ?? 0, reposts: post.reposts ?? 0, likes: post.likes ?? 0, views: post.views ?? 0,
          promoted: Boolean(post.promoted), seenAt: new Date().toISOString(),
        });
      }
      element.setAttribute('data-riskhint-labels', report.labels.join(' '));
      element.setAttribute('data-riskhint-risk', String(report.risk));
      if (post.promoted) element.setAttribute('data-riskhint-promoted', 'true');
      labelled.add(element);
      riskhintUi.badge(element, report, {
        promoted: Boolean(post.promoted),
        onOpen: (badge) => openCard(seen, report, badge),
        onClose: () => riskhintUi.closeCardUnlessHovered(),
      });
    }

    /**
     * The card, with the words behind each label highlighted in the post itself.
     * @param {SeenPost} seen
     * @param {PostReport} report
     * @param {HTMLElement} badge
     */
    function openCard(seen, report, badge) {
      const model = seen.textElement ? riskhintText.read(seen.textElement, { skip: seen.skip }) : null;
      const highlight = new Highlight();
      if (model && model.text === seen.post.text) {
        for (const e of report.evidence) {
          const range = riskhintText.range(model, e.start, e.end);
          if (range) highlight.add(range);
        }
      }
      CSS.highlights.set(EVIDENCE_HIGHLIGHT, highlight);
      riskhintUi.postCard(report, seen.post.text, badge, Boolean(seen.post.promoted), () => CSS.highlights.delete(EVIDENCE_HIGHLIGHT));
    }

    /** Finds posts not seen yet, and posts whose cell now shows another id. */
    function scan() {
      document.querySelectorAll(site.postSelector).forEach((article) => {
        watch(article);
        const rect = article.getBoundingClientRect();
        if (rect.bottom > -600 && rect.top < innerHeight + 600) consider(article);
      });
    }

    // New cells arrive as children of the timeline's list (X re-creates them while scrolling):
    // observing those lists' direct children is enough, and cheap.
    const cells = new MutationObserver((mutations) => {
      for (const m of mutations) {
        for (const node of m.addedNodes) {
          if (!(node instanceof Element)) continue;
          const articles = node.matches(site.postSelector) ? [node] : [...node.querySelectorAll(site.postSelector)];
          if (articles.length) articles.forEach(watch);
          else waitForArticle(node);
        }
      }
    });
    /**
     * A cell whose post renders a moment later.
     * @param {Element} cell
     */
    function waitForArticle(cell) {
      const inner = new MutationObserver(() => {
        const articles = cell.querySelectorAll(site.postSelector);
        if (!articles.length) return;
        inner.disconnect();
        articles.forEach(watch);
      });
      inner.observe(cell, { childList: true, subtree: true });
      setTimeout(() => inner.disconnect(), 5000);
    }

    /** @type {WeakSet<Element>} */
    const observedContainers = new WeakSet();
    function attachContainers() {
      for (const container of site.containers()) {
        if (observedContainers.has(container)) continue;
        observedContainers.add(container);
        cells.observe(container, { childList: true });
      }
      scan();
    }

    // SPA navigation swaps the timeline: X retitles the page on every route.
    const title = document.querySelector('title');
    if (title) new MutationObserver(attachContainers).observe(title, { childList: true, characterData: true, subtree: true });
    addEventListener('popstate', attachContainers);
    // Cells recycled in place (same element, new post) show up on the next scroll pause.
    let scrollTimer = 0;
    addEventListener('scroll', () => {
      clearTimeout(scrollTimer);
      scrollTimer = window.setTimeout(scan, 150);
    }, { passive: true });

    // A new policy (or a rule turned off) relabels everything on screen.
    /** Forgets every label on the page (a new policy, or a pause) so that a scan starts afresh. */
    function unlabelAll() {
      reports.clear();
      summary.clear();
      semanticQueue.clear();
      semanticDone.clear();
      // Only elements riskhint marked (a page's look-alikes are its own business), found also
      // where the page has changed or removed the marks.
      const marked = new Set([...shownAt.values()].map((ref) => ref.deref()));
      document.querySelectorAll('[data-riskhint-id]').forEach((el) => marked.add(el));
      shownAt.clear();
      marked.forEach((el) => {
        if (!el || !given.has(el)) return;
        given.delete(el);
        labelled.delete(el);
        el.removeAttribute('data-riskhint-id');
        el.removeAttribute('data-riskhint-labels');
        el.removeAttribute('data-riskhint-risk');
        el.removeAttribute('data-riskhint-promoted');
        el.removeAttribute('data-riskhint-tier');
        riskhintUi.removeBadge(el);
      });
      riskhintUi.closeCard();
    }

    // Labels from the old policy would be wrong: posts in view are relabelled now, the others as
    // they scroll into view.
    riskhintClient.onSettingsChange(() => {
      unlabelAll();
      scan();
    });
    riskhintClient.onPauseChange((paused) => {
      unlabelAll();
      if (!paused) scan();
    });

    // The popup asks for this page's summary, and to show one post.
    const { tabRequest: TAB_REQUEST } = riskhintProtocol;
    chrome.runtime.onMessage.addListener((/** @type {TabRequest} */ message, _sender, reply) => {
      if (message?.type === TAB_REQUEST.summary) {
        /** @type {TabSummary} */
        const answer = {
          site: location.hostname,
          paused: riskhintClient.isPaused(),
          // A page that should show posts where none of the site's selectors match: the site changed.
          recognised: !(site.expectsPosts?.() ?? true) || summary.size > 0 || site.containers().length > 0 || document.querySelector(site.postSelector) !== null,
          posts: [...summary.values()],
        };
        reply(answer);
      } else if (message?.type === TAB_REQUEST.reveal) {
        // The element riskhint gave this id, not one the page marked with it.
        const candidate = shownAt.get(String(message.id))?.deref();
        const element = candidate?.isConnected && given.get(candidate) === message.id ? candidate : null;
        const report = reports.get(message.id);
        if (element && report) {
          element.scrollIntoView({ block: 'center' });
          const seen = site.read(element.closest(site.postSelector) ?? element).find((s) => s.post.id === message.id);
          const badge = /** @type {HTMLElement | null} */ (riskhintUi.badgeOf(element));
          if (seen && badge) openCard(seen, report, badge);
        }
        reply({ found: Boolean(element && report) });
      }
    });

    riskhintClient.settled().then(attachContainers);
    // The first containers may render after document_idle.
    let tries = 0;
    const early = setInterval(() => {
      attachContainers();
      if (++tries >= 10) clearInterval(early);
    }, 1000);
  }

  return { start };
})();
