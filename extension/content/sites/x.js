// @ts-check
// The X (x.com, twitter.com) adapter. Every selector riskhint uses on X is in SELECTORS below
// (see shared/design/sites.md for where each comes from); when X changes its markup, this table is
// the one place to fix. A selector that stops matching makes riskhint quiet, never the page broken.

(() => {
  const SELECTORS = {
    /** The lists whose children are timeline cells (home, profile, search, conversation). */
    timelineList: 'div[data-testid="primaryColumn"] section > h1 + div[aria-label] > div',
    /** Dialogs (reply, /compose/post) live here. */
    layers: '#layers',
    post: 'article[data-testid="tweet"]',
    text: '[data-testid="tweetText"]',
    /** A quoted post inside a post: a link box with its own author and text (other role=link
     * boxes, like an affiliate badge inside User-Name, hold neither). */
    quote: 'div[role="link"]:has([data-testid="User-Name"]):has([data-testid="tweetText"])',
    author: '[data-testid="User-Name"]',
    statusLink: 'a[href*="/status/"]',
    /** Counts: the action bar's buttons and the analytics link (aria-labels carry full numbers);
     * the bar itself sums them up in its own aria-label. */
    actionBar: '[role="group"][aria-label]',
    replies: '[data-testid="reply"]',
    reposts: '[data-testid="retweet"], [data-testid="unretweet"]',
    likes: '[data-testid="like"], [data-testid="unlike"]',
    views: 'a[href$="/analytics"]',
    /** An ad: an ANCESTOR placementTracking (a descendant one only wraps a video player). */
    promoted: '[data-testid="placementTracking"]',
    /** DraftJS editors: tweetTextarea_0, _1… for thread items. */
    editor: '[data-testid^="tweetTextarea_"][contenteditable="true"]',
    editorBlock: '[data-block="true"]',
    postButton: 'button[data-testid="tweetButtonInline"], button[data-testid="tweetButton"]',
    /** The composer's other controls, which the pill keeps clear of: the toolbar's media, GIF,
     * poll and emoji buttons, "add another post", the character counter. */
    composerControls: '[data-testid="toolBar"] button, [data-testid="toolBar"] [role="button"], [data-testid="addButton"], [data-testid="char-count"], [role="progressbar"]',
    dialog: '[role="dialog"]',
  };

  /** Pages without posts (settings, messages…); every other page is a feed, a profile or a post. */
  const NO_POSTS = /^\/(settings|messages|notifications|i|compose|login|logout|account|jobs)(\/|$)/;

  /** The status id in a link like /handle/status/1983130065320780162/analytics. */
  const STATUS_ID = /\/status\/(\d+)/;

  /** A full number in a label ("2,378 Likes"): X's labels never abbreviate. */
  const NUMBER = /\d[\d,.\s]*/;

  /**
   * The first number in an element's aria-label ("2,378 Likes. Liked" → 2378).
   * @param {Element | null} el
   */
  function countIn(el) {
    return riskhintSites.count(el?.getAttribute('aria-label')?.match(NUMBER)?.[0]);
  }

  /**
   * A count from the action bar's summary label ("76 replies, 234 reposts, 2378 likes, Liked,
   * 8190 bookmarks, 1122900 views"): the only place a focused post states its views.
   * @param {Element} article
   * @param {RegExp} word
   */
  function countInSummary(article, word) {
    const label = article.querySelector(SELECTORS.actionBar)?.getAttribute('aria-label') ?? '';
    for (const part of label.split(',')) {
      if (word.test(part)) return riskhintSites.count(part.match(NUMBER)?.[0]);
    }
    return 0;
  }

  /**
   * The status id of a post: its first /status/ link (the timestamp, or the analytics link) that
   * is not inside a quoted post. sites.md's User-Name > time link is missing on focused posts.
   * @param {Element} scope
   * @param {Element | null} exclude a nested quote whose links are not this post's
   */
  function statusId(scope, exclude) {
    for (const link of scope.querySelectorAll(SELECTORS.statusLink)) {
      if (exclude?.contains(link)) continue;
      const id = link.getAttribute('href')?.match(STATUS_ID)?.[1];
      if (id) return id;
    }
    return null;
  }

  /**
   * The "@handle" in a User-Name block.
   * @param {Element | null} name
   */
  function handleIn(name) {
    const text = name?.textContent ?? '';
    return text.match(/@[A-Za-z0-9_]+/)?.[0];
  }

  /**
   * The posts in an article: the post itself, and a quoted post classified on its own.
   * @param {Element} article
   * @returns {SeenPost[]}
   */
  function read(article) {
    const texts = [...article.querySelectorAll(SELECTORS.text)];
    const quote = article.querySelector(SELECTORS.quote);
    const ownText = texts.find((t) => !quote?.contains(t)) ?? null;
    const names = [...article.querySelectorAll(SELECTORS.author)];
    const id = statusId(article, quote);
    if (!id) return [];
    const promoted = Boolean(article.parentElement?.closest(SELECTORS.promoted));
    /** @type {SeenPost[]} */
    const seen = [{
      element: article,
      textElement: ownText,
      skip: quote,
      post: {
        id,
        text: ownText ? riskhintText.read(ownText).text : '',
        author: handleIn(names.find((n) => !quote?.contains(n)) ?? null),
        replies: countIn(article.querySelector(SELECTORS.replies)),
        reposts: countIn(article.querySelector(SELECTORS.reposts)),
        likes: countIn(article.querySelector(SELECTORS.likes)),
        views: countIn(article.querySelector(SELECTORS.views)) || countInSummary(article, /\bviews?\b/i),
        promoted,
      },
    }];
    const quoteText = quote?.querySelector(SELECTORS.text);
    if (quote && quoteText) {
      seen.push({
        element: quote,
        textElement: quoteText,
        skip: null,
        // A quoted post may show no link of its own; it is still one post wherever it is quoted.
        post: { id: statusId(quote, null) ?? `${id}/quote`, text: riskhintText.read(quoteText).text, author: handleIn(quote.querySelector(SELECTORS.author)), promoted: false },
      });
    }
    return seen;
  }

  /**
   * The Post button that goes with an editor: the nearest composer root holding both.
   * @param {Element} editor
   */
  const postButtonFor = (editor) => riskhintComposer.nearest(editor, SELECTORS.postButton)[0] ?? null;

  /**
   * The controls around an editor (its composer's toolbar, counter…), for the pill to keep clear of.
   * @param {Element} editor
   */
  const controlsFor = (editor) => riskhintComposer.around(editor, SELECTORS.composerControls, postButtonFor(editor));

  /**
   * The editors a Post button posts: all of them in the nearest ancestor holding any (a thread
   * posts every item at once).
   * @param {Element} button
   */
  const editorsFor = (button) => riskhintComposer.nearest(button, SELECTORS.editor);

  /**
   * In a reply dialog or a conversation, the post being replied to.
   * @param {Element} editor
   */
  function replyTo(editor) {
    const dialog = editor.closest(SELECTORS.dialog);
    const article = dialog?.querySelector(SELECTORS.post) ?? null;
    const text = article?.querySelector(SELECTORS.text);
    return text ? riskhintText.read(text).text : null;
  }

  /**
   * Replaces `range` with `text` the way DraftJS expects: select it, let DraftJS see the
   * selection, then a synthetic paste of text/plain, which DraftJS handles itself (its state,
   * the Post button and undo follow). execCommand breaks across styled spans (sites.md).
   * @param {HTMLElement} editor
   * @param {Range} range
   * @param {string} text
   */
  async function replace(editor, range, text) {
    await riskhintComposer.select(editor, range);
    if (!text) {
      document.execCommand('delete');
      return;
    }
    const data = new DataTransfer();
    data.setData('text/plain', text);
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }

  riskhintSites.start({
    feed: {
      postSelector: SELECTORS.post,
      expectsPosts: () => !NO_POSTS.test(location.pathname),
      containers: () => [...document.querySelectorAll(`${SELECTORS.timelineList}, ${SELECTORS.layers}`)],
      read,
    },
    composer: {
      platform: 'x',
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
