// @ts-check
// The Facebook (www.facebook.com) adapter. Every selector riskhint uses on Facebook is in SELECTORS
// below (see shared/design/sites.md for where each comes from); when Facebook changes its markup,
// this table is the one place to fix. A selector that stops matching makes riskhint quiet, never
// the page broken.
//
// Comments: Facebook draws a comment as a div[role=article] inside the post. A comment is labelled
// on its own (its own labels, badge and card, keyed by the post's id and its comment_id), and its
// words never count towards the post's labels.

(() => {
  const SELECTORS = {
    feed: 'div[role="feed"]',
    /** A feed unit: div[aria-posinset], or (without it) an outermost article in the feed. */
    post: 'div[role="feed"] div[aria-posinset], div[role="feed"] div[role="article"]:not([aria-posinset] *, [role="article"] *)',
    /** Posts and comments alike. */
    article: 'div[role="article"]',
    /** A unit of the feed (a post's outermost box). */
    feedUnit: '[aria-posinset]',
    text: '[data-ad-rendering-role="story_message"], [data-ad-preview="message"], [data-ad-comet-preview="message"]',
    /** "See more" inside a truncated message: not part of what the author wrote. */
    seeMore: '[role="button"]',
    author: '[data-ad-rendering-role="profile_name"], h2 a strong, h3 a strong, h4 a strong',
    /** A comment's text, and its author (the first link with text). */
    commentText: '[lang][dir="auto"], div[dir="auto"]',
    commentAuthor: 'a[href]',
    links: 'a[href]',
    /** An ad links to "Why am I seeing this ad?"; its visible "Sponsored" label is obfuscated. */
    sponsored: 'a[href*="/ads/about/"]',
    /** Lexical editors in a dialog ("Create post"; a post opened in a dialog has its comment box). */
    editor: '[role="dialog"] div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
    /** Lexical's lines: a <p> per paragraph; a <br> inside one is a line break (Shift+Enter), except
     * the <br> Lexical adds to an empty paragraph or after a trailing line break. */
    editorBlock: 'p, p > br:not([data-lexical-managed-linebreak]):not(:only-child):not(:last-child)',
    /** The label is localised: English and Korean. */
    postButton: 'div[role="button"][aria-label="Post"], div[role="button"][aria-label="게시"]',
    /** The composer's other controls, which the pill keeps clear of: "Add to your post" (photo,
     * tag, feeling…), the emoji and background buttons, the audience selector. Facebook draws them all
     * as div[role=button]; looked for only in the composer around the editor. */
    composerControls: 'div[role="button"], [role="toolbar"], [role="switch"]',
    dialog: '[role="dialog"]',
  };

  /** Pages without a feed (one post, a photo, messages, settings…); every other page has one. */
  const NO_FEED = /^\/(?:messages|settings|notifications|marketplace|friends|events|gaming|saved|bookmarks|help|privacy|login|logout|checkpoint|reel|stories|watch|photo|photo\.php|permalink\.php|story\.php|[^/]+\/posts|groups\/[^/]+\/(?:posts|permalink))(?:\/|$)/;

  /** Post ids in Facebook's permalinks, most specific first. */
  const PERMALINKS = [
    /\/groups\/[^/?#]+\/(?:posts|permalink)\/([^/?#]+)/,
    /\/[^/?#]+\/posts\/([^/?#]+)/,
    /\/(?:permalink|story)\.php\?(?:[^#]*&)?story_fbid=([^&#]+)/,
    /\/photo(?:\.php|\/)?\?(?:[^#]*&)?fbid=([^&#]+)/,
    /\/[^/?#]+\/videos\/(?:[^/?#]+\/)?(\d+)/,
    /\/reel\/(\d+)/,
  ];
  /** A comment's link: ?comment_id=<id>, and for a reply also &reply_comment_id=<its own id>. */
  const COMMENT_ID = /[?&]comment_id=([^&#]+)/;
  const REPLY_ID = /[?&]reply_comment_id=([^&#]+)/;

  /** @param {string} value */
  function decode(value) {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }

  /** Counts as Facebook prints them ("1.8K comments", "댓글 25개"); reactions follow their label. */
  const COUNTS = {
    replies: [/^([\d.,]+\s*[KkMm천만]?)\s+comments?$/i, /^댓글\s*([\d.,]+\s*[천만]?)\s*개$/],
    reposts: [/^([\d.,]+\s*[KkMm천만]?)\s+shares?$/i, /^공유\s*([\d.,]+\s*[천만]?)\s*회$/],
    views: [/^([\d.,]+\s*[KkMm천만]?)\s+views?$/i, /^조회\s*([\d.,]+\s*[천만]?)\s*회$/],
  };
  const REACTIONS = /^(?:All reactions|모든 공감)\s*:?\s*([\d.,]+\s*[KkMm천만]?)?$/i;
  /**
   * Reactions, comments, shares and views printed in a post, outside its text and its comments.
   * Best effort: 0 for a count that is not there. One walk over the text nodes, skipping the text
   * and the comments whole (this runs whenever the post scrolls into view).
   * @param {Element} post
   * @param {Element[]} skip
   */
  function counts(post, skip) {
    const found = { replies: 0, reposts: 0, likes: 0, views: 0 };
    const walker = document.createTreeWalker(post, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.nodeType === Node.TEXT_NODE ? NodeFilter.FILTER_ACCEPT : skip.includes(/** @type {Element} */ (node)) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP),
    });
    let reactionsNext = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.nodeValue ?? '').trim();
      if (!text || text.length > 40) continue;
      // "All reactions:" is a hidden label; the count is the next text.
      if (reactionsNext) {
        reactionsNext = false;
        if (!found.likes) found.likes = riskhintSites.count(text);
      }
      const reactions = text.match(REACTIONS);
      if (reactions) {
        if (reactions[1]) found.likes ||= riskhintSites.count(reactions[1]);
        else reactionsNext = true;
        continue;
      }
      for (const [key, patterns] of /** @type {[keyof typeof COUNTS, RegExp[]][]} */ (Object.entries(COUNTS))) {
        if (found[key]) continue;
        const match = patterns.map((p) => text.match(p)).find(Boolean);
        if (match) found[key] = riskhintSites.count(match[1]);
      }
    }
    return found;
  }

  /**
   * The post id in a link's href, or null.
   * @param {Element} link
   */
  function permalinkId(link) {
    const href = link.getAttribute('href') ?? '';
    if (COMMENT_ID.test(href)) return null;
    for (const pattern of PERMALINKS) {
      const id = href.match(pattern)?.[1];
      if (id) return decode(id);
    }
    return null;
  }

  /**
   * The post and the comments shown under it, each labelled on its own.
   * @param {Element} post a feed unit (div[aria-posinset], or an article)
   * @returns {SeenPost[]}
   */
  function read(post) {
    // An article inside a feed unit is read with its unit.
    if (!post.matches(SELECTORS.feedUnit) && post.parentElement?.closest(`${SELECTORS.feedUnit}, ${SELECTORS.article}`)) return [];
    const textElement = post.querySelector(SELECTORS.text);
    const authorElement = post.querySelector(SELECTORS.author);
    const anchor = textElement ?? authorElement;
    // The post's own article holds its text and header; any other article in it is a comment.
    const comments = [...post.querySelectorAll(SELECTORS.article)].filter((a) => !(anchor && a.contains(anchor)));
    const inComment = (/** @type {Element} */ el) => comments.some((c) => c.contains(el));
    if (anchor && inComment(anchor)) return [];

    const skip = textElement?.querySelector(SELECTORS.seeMore) ?? null;
    const text = textElement ? riskhintText.read(textElement, { skip }).text : '';
    const author = authorElement?.textContent?.trim() || undefined;
    // The post's own parts: not its comments, and not its text (which may link to other posts).
    const outside = (/** @type {Element} */ el) => !inComment(el) && !textElement?.contains(el);
    const links = [...post.querySelectorAll(SELECTORS.links)].filter(outside);
    const permalink = links.map(permalinkId).find(Boolean);
    if (!permalink && !text && !author) return []; // not rendered yet: the next scan reads it
    const id = permalink ?? `h${riskhintSites.postHash(author ?? '', text)}`;
    const promoted = links.some((a) => a.matches(SELECTORS.sponsored));

    /** @type {SeenPost[]} */
    const seen = [{
      element: post,
      textElement,
      skip,
      post: { id, text, author, ...counts(post, textElement ? [textElement, ...comments] : comments), promoted },
    }];
    for (const comment of comments) {
      // A reply is a comment inside a comment: each reads only its own text and links.
      const own = (/** @type {Element} */ el) => el.closest(SELECTORS.article) === comment;
      const commentText = [...comment.querySelectorAll(SELECTORS.commentText)].find(own) ?? null;
      if (!commentText) continue;
      const body = riskhintText.read(commentText).text;
      const commentAuthor = [...comment.querySelectorAll(SELECTORS.commentAuthor)].find((a) => own(a) && a.textContent?.trim())?.textContent?.trim();
      const commentId = [...comment.querySelectorAll(SELECTORS.links)].filter(own).map((a) => {
        const href = a.getAttribute('href') ?? '';
        return (href.match(REPLY_ID) ?? href.match(COMMENT_ID))?.[1];
      }).find(Boolean);
      seen.push({
        element: comment,
        textElement: commentText,
        skip: null,
        post: {
          id: `${id}/comment/${commentId ? decode(commentId) : `h${riskhintSites.postHash(commentAuthor ?? '', body)}`}`,
          text: body,
          author: commentAuthor,
          promoted: false,
        },
      });
    }
    return seen;
  }

  /**
   * The Post button of an editor's dialog (never another composer's on the page).
   * @param {Element} editor
   */
  const postButtonFor = (editor) => riskhintComposer.nearest(editor, SELECTORS.postButton, editor.closest(SELECTORS.dialog))[0] ?? null;

  /**
   * The controls around an editor (the composer's buttons), for the pill to keep clear of.
   * @param {Element} editor
   */
  const controlsFor = (editor) => riskhintComposer.around(editor, SELECTORS.composerControls, postButtonFor(editor));

  /**
   * The editors a Post button posts: those in the nearest ancestor holding any.
   * @param {Element} button
   */
  const editorsFor = (button) => riskhintComposer.nearest(button, SELECTORS.editor);

  /**
   * A comment box in a post opened as a dialog replies to that post; "Create post" replies to none.
   * @param {Element} editor
   */
  function replyTo(editor) {
    const text = editor.closest(SELECTORS.dialog)?.querySelector(SELECTORS.text);
    return text ? riskhintText.read(text, { skip: text.querySelector(SELECTORS.seeMore) }).text : null;
  }

  /**
   * Replaces `range` with `text` the way Lexical expects: select it, let Lexical adopt the
   * selection (it reads it on selectionchange), then one synthetic beforeinput, which Lexical
   * handles itself, so its state, the Post button and its undo history follow. Lexical ignores a
   * synthetic insertText and adopts execCommand edits asynchronously: no check-and-retry here.
   * @param {HTMLElement} editor
   * @param {Range} range
   * @param {string} text
   */
  async function replace(editor, range, text) {
    await riskhintComposer.select(editor, range);
    if (!text) {
      // Deleting a selection: Lexical turns this into its DELETE_CHARACTER command.
      editor.dispatchEvent(new InputEvent('beforeinput', { inputType: 'deleteContentBackward', bubbles: true, cancelable: true }));
      return;
    }
    const data = new DataTransfer();
    data.setData('text/plain', text);
    editor.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertReplacementText', data: text, dataTransfer: data, bubbles: true, cancelable: true }));
  }

  riskhintSites.start({
    feed: {
      postSelector: SELECTORS.post,
      expectsPosts: () => !NO_FEED.test(location.pathname),
      containers: () => [...document.querySelectorAll(SELECTORS.feed)],
      read,
    },
    composer: {
      platform: 'facebook',
      editorSelector: SELECTORS.editor,
      blockSelector: SELECTORS.editorBlock,
      postButtonSelector: SELECTORS.postButton,
      postButtonFor,
      controlsFor,
      editorsFor,
      replyTo,
      replace,
    },
  });
})();
