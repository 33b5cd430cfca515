// @ts-check
// The LinkedIn (www.linkedin.com) adapter. Every selector riskhint uses on LinkedIn is in SELECTORS
// below. They come from shared/design/sites.md and, where marked (2026), from live captures of the
// 2026 hashed-class build that public feed tools document (componentkey, the "⋯" menu's label, the
// ad link's label, the "…more" button). LinkedIn hashes its class names, so the table prefers data-,
// aria- and role attributes, and keeps the older class-named markup (still served on some pages) as
// a fallback. A selector that stops matching makes riskhint quiet, never the page broken. Quill
// edits go through linkedin-main.js, in the page's own world.

(() => {
  const SELECTORS = {
    /** The feed (2026 build); its children are lazy-mounted post cells. */
    feed: 'div[data-testid="mainFeed"]',
    /** A post: a feed cell; a list item that holds a post's text or its "⋯" menu (other list items,
     * like a post's comments, are nested in a post and read as part of it: the outermost match
     * wins); the older markup keyed by an activity urn. */
    post: [
      'div[data-testid="mainFeed"] > div[data-lazy-mount-id]',
      'div[role="listitem"]:has([data-testid="expandable-text-box"], button[aria-label^="Open control menu for post by "])',
      'div[data-urn*="urn:li:activity"]',
      'div.feed-shared-update-v2',
    ].join(', '),
    /** The post's text (the first one: comments come after it); the older markup's. */
    text: '[data-testid="expandable-text-box"], .update-components-text',
    /** (2026) The "…more" button inside a cut text: not part of what the author wrote. */
    moreButton: '[data-testid="expandable-text-button"]',
    /** (2026) The "⋯" menu, labelled with the author's name on every kind of post. */
    postMenu: 'button[aria-label^="Open control menu for post by "]',
    /** The actor's profile link: /in/ for people, /company/ for pages. */
    authorLink: 'a[href*="/in/"], a[href*="/company/"]',
    /** The name inside the author link, when it has one apart from its other texts. */
    authorName: '[aria-hidden="true"]',
    /** Ids: the older markup's data-urn / data-id, a permalink, (2026) the list item's componentkey. */
    urn: '[data-urn*="urn:li:"], [data-id^="urn:li:"]',
    permalink: 'a[href*="/feed/update/urn:li:"]',
    componentKey: 'div[role="listitem"][componentkey]',
    /** An ad: (2026) the link labelled "View Sponsored Content", or the "Promoted" sub-description
     * under the author's name. Both are what the reader sees or hears (unlike Facebook's obfuscated
     * label), and members cannot put either in a post's header. */
    sponsored: '[aria-label="View Sponsored Content"]',
    headerLine: 'p, span',
    /** Where counts are: "1,843 comments on …" labels and "5,120 reposts" texts. */
    counts: 'button, a, span, [aria-label]',
    /** Quill's editor root (the share box; comments use TipTap and are not Quill). */
    editor: '.ql-editor[contenteditable="true"]',
    /** Quill's block elements, one line each (the share box makes only paragraphs). */
    editorBlock: 'p, li, h1, h2, h3, blockquote, .ql-code-block',
    /** The share box's Post button: the older class, or one named "Post" that we mark (CSS cannot
     * match a button by its name). */
    postButton: 'button.share-actions__primary-action, button[data-riskhint-post-button]',
    /** Any button: the Post button is found by its name when its class is hashed. */
    button: 'button',
    /** The share box's other controls, which the pill keeps clear of: the emoji, media, event and
     * "more" buttons, the scheduler, the audience selector. */
    composerControls: 'button, [role="button"], [role="toolbar"]',
    dialog: '[role="dialog"]',
  };

  /** Post urns; a comment's urn ("urn:li:comment:(activity:…)") does not match. */
  const URN = /urn:li:(?:activity|ugcPost|share):\d+/;
  /** The ad label, in LinkedIn's main languages: "Promoted", "Promoted by Acme", "Promoted • …";
   * not "Promoted to VP!". */
  const PROMOTED = /^(?:Promoted|광고|Promocionado|Sponsorisé|Anzeige|Promosso|Patrocinado|プロモーション|推广)(?:\s+by\b|\s*[•·]|$)/;
  const COUNT = /(\d[\d,.]*)\s*([KkMm])?\s+(reactions?|comments?|reposts?)\b/;
  const POST_NAME = /^(?:Post|게시)$/i;
  const MENU_PREFIX = 'Open control menu for post by ';

  /**
   * Reactions, comments and reposts, from aria-labels or short texts outside any post text.
   * @param {Element} article
   */
  function countsOf(article) {
    /** @type {Record<string, number>} */
    const found = { reaction: 0, comment: 0, repost: 0 };
    for (const el of article.querySelectorAll(SELECTORS.counts)) {
      if (el.closest(SELECTORS.text)) continue;
      for (const source of [el.getAttribute('aria-label'), el.childElementCount ? null : el.textContent]) {
        const match = source?.match(COUNT);
        if (!match) continue;
        const kind = match[3].toLowerCase().replace(/s$/, '');
        // The post's own counts come before its comments' in the page.
        if (!found[kind]) found[kind] = riskhintSites.count(`${match[1]}${match[2] ?? ''}`);
      }
    }
    return { likes: found.reaction, replies: found.comment, reposts: found.repost };
  }

  /**
   * The author's name: from the "⋯" menu's label, or the profile link.
   * @param {Element} article
   */
  function authorOf(article) {
    const menu = article.querySelector(SELECTORS.postMenu)?.getAttribute('aria-label');
    if (menu) return menu.slice(MENU_PREFIX.length).trim();
    const link = article.querySelector(SELECTORS.authorLink);
    const name = link?.querySelector(SELECTORS.authorName) ?? link;
    return name?.textContent?.trim().split('\n')[0] || undefined;
  }

  /**
   * Whether LinkedIn marks the post as an ad. Only the header (what comes before the post's text)
   * is read, so that a comment saying "Promoted!" does not count.
   * @param {Element} article
   * @param {Element | null} textElement
   */
  function isPromoted(article, textElement) {
    if (article.querySelector(SELECTORS.sponsored)) return true;
    for (const line of article.querySelectorAll(SELECTORS.headerLine)) {
      if (textElement && !(line.compareDocumentPosition(textElement) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
      if (!line.closest(SELECTORS.text) && PROMOTED.test(line.textContent?.trim() ?? '')) return true;
    }
    return false;
  }

  /**
   * The post's id: its activity urn (attribute or permalink), else the 2026 list item's
   * componentkey (each post renders as "<key>" and "expanded<key>FeedType_…": the same post), else
   * a hash of author and text.
   * @param {Element} article
   * @param {string} author
   * @param {string} text
   */
  function idOf(article, author, text) {
    const holders = [article, ...article.querySelectorAll(SELECTORS.urn)];
    for (const el of holders) {
      const urn = (el.getAttribute('data-urn') ?? el.getAttribute('data-id'))?.match(URN)?.[0];
      if (urn) return urn;
    }
    for (const link of article.querySelectorAll(SELECTORS.permalink)) {
      const urn = decodeURIComponent(link.getAttribute('href') ?? '').match(URN)?.[0];
      if (urn) return urn;
    }
    const keyed = article.matches(SELECTORS.componentKey) ? article : article.querySelector(SELECTORS.componentKey);
    const key = keyed?.getAttribute('componentkey')?.replace(/^expanded/, '').replace(/FeedType_.*$/, '');
    if (key) return `key:${key}`;
    return text.trim() ? `hash:${riskhintSites.postHash(author, text)}` : null;
  }

  /**
   * The post in a feed cell or post element.
   * @param {Element} article
   * @returns {SeenPost[]}
   */
  function read(article) {
    if (article.parentElement?.closest(SELECTORS.post)) return []; // part of an outer post
    const textElement = article.querySelector(SELECTORS.text);
    const skip = textElement?.querySelector(SELECTORS.moreButton) ?? null;
    const text = textElement ? riskhintText.read(textElement, { skip }).text : '';
    const author = authorOf(article);
    const id = idOf(article, author ?? '', text);
    if (!id) return [];
    return [{ element: article, textElement, skip, post: { id, text, author, ...countsOf(article), promoted: isPromoted(article, textElement) } }];
  }

  /** @param {Element} button */
  const isNamedPost = (button) => POST_NAME.test((button.getAttribute('aria-label') || button.textContent || '').trim());

  /**
   * Where an editor's Post button and fellow editors are: its dialog, or the page.
   * @param {Element} el
   */
  const scopeOf = (el) => el.closest(SELECTORS.dialog) ?? /** @type {Document | ShadowRoot} */ (el.getRootNode());

  /**
   * The Post button of an editor's share box. Marked, so that the composer's postButton selector
   * finds it on click.
   * @param {Element} editor
   */
  function postButtonFor(editor) {
    const buttons = [...scopeOf(editor).querySelectorAll(/** @type {'button'} */ (SELECTORS.button))];
    const button = buttons.find((b) => b.matches(SELECTORS.postButton)) ?? buttons.find(isNamedPost);
    if (button && !button.hasAttribute('data-riskhint-post-button')) button.setAttribute('data-riskhint-post-button', '');
    return button ?? null;
  }

  /**
   * The controls around an editor (the share box's buttons), for the pill to keep clear of.
   * @param {Element} editor
   */
  const controlsFor = (editor) => riskhintComposer.around(editor, SELECTORS.composerControls, postButtonFor(editor));

  /**
   * The editors a Post button posts.
   * @param {Element} button
   * @returns {HTMLElement[]}
   */
  function editorsFor(button) {
    return /** @type {HTMLElement[]} */ ([...scopeOf(button).querySelectorAll(SELECTORS.editor)]);
  }

  // Mark the Post button before the composer's click handler looks for it: when an editor gains
  // focus, and when a button named "Post" is pressed (a restored draft may be posted unfocused).
  /** @param {Event} event */
  const markPostButton = (event) => {
    const target = /** @type {Element} */ (event.composedPath()[0]);
    if (target?.closest?.(SELECTORS.editor)) postButtonFor(target);
    const button = target?.closest?.(SELECTORS.button);
    if (button && isNamedPost(button) && editorsFor(button).length) button.setAttribute('data-riskhint-post-button', '');
  };
  for (const type of ['focusin', 'pointerdown', 'keydown']) document.addEventListener(type, markPostButton, true);

  const REQUEST = 'riskhint:quill-replace';
  const REPLY = 'riskhint:quill-replaced';
  let requests = 0;

  /**
   * Asks linkedin-main.js (page world) to make the edit through Quill. Events dispatch
   * synchronously, so the answer is in by the time dispatchEvent returns; no answer = no bridge.
   * @param {HTMLElement} editor
   * @param {{start: number, end: number, text: string, expected: string}} edit
   */
  function askQuill(editor, edit) {
    const id = String(++requests);
    let ok = false;
    /** @param {Event} event */
    const onReply = (event) => {
      const reply = /** @type {CustomEvent} */ (event).detail;
      if (reply?.id === id) ok = reply.ok === true;
    };
    editor.addEventListener(REPLY, onReply);
    editor.dispatchEvent(new CustomEvent(REQUEST, { detail: { id, ...edit }, composed: true }));
    editor.removeEventListener(REPLY, onReply);
    return ok;
  }

  /**
   * Replaces `range` with `text` through Quill: the span is selected (Quill maps a selection to its
   * own index itself) and sent with its text offsets, which count as Quill's getText() does (one
   * "\n" between paragraphs, an empty line included). If no Quill answers, the edit is typed over
   * the selection like a user's, which Quill adopts too (Quill 2 through beforeinput, Quill 1
   * through its MutationObserver).
   * @param {HTMLElement} editor
   * @param {Range} range
   * @param {string} text
   */
  async function replace(editor, range, text) {
    const model = riskhintText.read(editor, { blockSelector: SELECTORS.editorBlock });
    const start = riskhintText.offsetOf(model, range.startContainer, range.startOffset);
    const end = riskhintText.offsetOf(model, range.endContainer, range.endOffset);
    if (start < 0 || end < start) return;
    await riskhintComposer.select(editor, range);
    if (askQuill(editor, { start, end, text, expected: model.text.slice(start, end) })) return;
    document.execCommand(text ? 'insertText' : 'delete', false, text);
  }

  riskhintSites.start({
    feed: {
      postSelector: SELECTORS.post,
      containers: () => [...document.querySelectorAll(SELECTORS.feed)],
      read,
    },
    composer: {
      platform: 'linkedin',
      editorSelector: SELECTORS.editor,
      blockSelector: SELECTORS.editorBlock,
      postButtonSelector: SELECTORS.postButton,
      postButtonFor,
      controlsFor,
      editorsFor,
      // A share box answers no one (a repost's commentary is judged on its own).
      replyTo: () => null,
      replace,
    },
  });
})();
