// @ts-check
// Everything riskhint draws: post badges, the post card, the composer pill, the finding card and
// the review-before-posting dialog. All of it lives in shadow roots (the site's CSS cannot reach
// in, ours cannot leak out) and every piece of page text goes in as textContent, never as HTML.
// Elements carry data-riskhint-ui names: tests and the site adapters find them by those.
//
// The page can reach these shadow roots (they are open, so that tests and assistive tools can
// reach them too; a closed root would not stop the page covering or removing its own elements).
// What keeps the UI the user's: every action runs only on a real user event (isTrusted; a page's
// click() or dispatchEvent is not), and what riskhint drew is remembered here, never looked up
// in the page by its data-riskhint-* names, which the page can copy.

/* exported riskhintUi */
var riskhintUi = (() => {
  const { t } = riskhintI18n;
  const labelName = riskhintLabels.name;
  /** @param {string} severity */
  const severityName = (severity) => t(`severity_${severity}`);

  /**
   * `run` for the user's own events only: a click the page makes (element.click(), dispatchEvent)
   * is not trusted, so the page cannot press riskhint's buttons.
   * @template {Event} E
   * @param {(event: E) => void} run
   * @returns {(event: E) => void}
   */
  const fromUser = (run) => (event) => {
    if (event.isTrusted) run(event);
  };

  const STYLE = `
    :host { all: initial; }
    * { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Noto Sans KR", sans-serif; }
    .badge { position: absolute; top: 6px; right: 44px; z-index: 2; display: inline-flex; gap: 6px; align-items: center;
      padding: 2px 8px; border-radius: 999px; border: 1px solid transparent; font-size: 12px; line-height: 18px;
      cursor: default; color: #fff; background: #536471; white-space: nowrap; }
    .badge:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 2px; }
    .risk-high { background: #c62828; } .risk-medium { background: #b26a00; } .risk-low { background: #536471; }
    .risk { font-weight: 700; font-variant-numeric: tabular-nums; }
    .card, .dialog, .pill, .list { position: fixed; z-index: 2147483646; color: #0f1419; background: #fff;
      border: 1px solid #cfd9de; border-radius: 12px; box-shadow: 0 8px 28px rgba(0,0,0,.18); font-size: 14px; line-height: 1.4; }
    .card { width: min(360px, calc(100vw - 16px)); padding: 12px 14px; pointer-events: auto; }
    .card h2 { font-size: 15px; margin: 0 0 6px; }
    .card p { margin: 6px 0; }
    .muted { color: #536471; font-size: 12px; }
    .chips { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0; }
    .chip { font-size: 12px; padding: 1px 8px; border-radius: 999px; background: #eff3f4; }
    mark { background: #ffe08a; color: inherit; border-radius: 2px; }
    .words { margin: 6px 0; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
    button.action { font: inherit; font-size: 13px; padding: 4px 12px; border-radius: 999px; border: 1px solid #cfd9de;
      background: #fff; color: #0f1419; cursor: pointer; }
    button.action.primary { background: #0f1419; color: #fff; border-color: #0f1419; }
    button.action:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 2px; }
    .pill { display: inline-flex; gap: 6px; align-items: center; padding: 3px 10px; border-radius: 999px; font-size: 12px;
      cursor: pointer; pointer-events: auto; box-shadow: 0 1px 4px rgba(0,0,0,.15); white-space: nowrap; }
    .pill.block { background: #fdecea; border-color: #c62828; color: #8e1b1b; }
    .pill.review { background: #fff4e0; border-color: #b26a00; color: #6d4100; }
    .pill.ok { background: #e8f5e9; border-color: #2e7d32; color: #1b5e20; }
    .list { padding: 6px; width: min(360px, calc(100vw - 16px)); pointer-events: auto; }
    .list button { display: block; width: 100%; text-align: left; font: inherit; font-size: 13px; padding: 6px 8px;
      border: 0; border-radius: 8px; background: none; cursor: pointer; color: inherit; }
    .list button:hover, .list button:focus-visible { background: #eff3f4; outline: none; }
    .sev { font-size: 11px; font-weight: 700; text-transform: uppercase; margin-right: 6px; }
    .sev.block { color: #c62828; } .sev.warn { color: #b26a00; } .sev.info { color: #1d6fa5; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .backdrop { position: fixed; inset: 0; z-index: 2147483645; background: rgba(0,0,0,.35); pointer-events: auto; }
    .dialog { left: 50%; top: 20%; transform: translateX(-50%); width: min(440px, calc(100vw - 16px)); padding: 16px 18px; pointer-events: auto; }
    .dialog h2 { margin: 0 0 8px; font-size: 17px; }
    .dialog ul { margin: 8px 0; padding-left: 0; list-style: none; max-height: 50vh; overflow: auto; }
    .dialog li { margin: 0 0 10px; }
    .dialog li .actions { margin-top: 4px; }
    .dialog textarea, .fill input { width: 100%; font: inherit; font-size: 13px; padding: 4px 8px; border: 1px solid #cfd9de; border-radius: 8px; }
    .fill .field { display: block; margin: 6px 0; font-size: 12px; }
    .fill .field span { display: block; margin-bottom: 2px; }
    .card section + section { border-top: 1px solid #cfd9de; margin-top: 10px; padding-top: 8px; }
    button.action:disabled { opacity: .5; cursor: default; }
    /* The site's dark theme (X's "Lights out", Facebook and LinkedIn dark mode). */
    :host([data-theme="dark"]) .card, :host([data-theme="dark"]) .dialog, :host([data-theme="dark"]) .list {
      color: #e7e9ea; background: #15202b; border-color: #38444d; box-shadow: 0 8px 28px rgba(0,0,0,.6); }
    :host([data-theme="dark"]) .muted { color: #8b98a5; }
    :host([data-theme="dark"]) .chip { background: #273340; }
    :host([data-theme="dark"]) button.action { background: #15202b; color: #e7e9ea; border-color: #38444d; }
    :host([data-theme="dark"]) button.action.primary { background: #e7e9ea; color: #0f1419; border-color: #e7e9ea; }
    :host([data-theme="dark"]) .list button:hover, :host([data-theme="dark"]) .list button:focus-visible { background: #273340; }
    :host([data-theme="dark"]) mark { background: #8a6d00; }
  `;

  /**
   * Builds an element; strings become text nodes, never markup.
   * @param {string} tag
   * @param {Record<string, string>} [attrs]
   * @param {Array<Node | string | null | undefined | false>} children
   */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === 'text') el.textContent = value;
      else el.setAttribute(key, value);
    }
    for (const child of children) if (child) el.append(child);
    return el;
  }

  /** @param {Element} host */
  function shadowOf(host) {
    const root = host.attachShadow({ mode: 'open' });
    root.append(h('style', { text: STYLE }));
    return root;
  }

  /** @type {ShadowRoot | null} */
  let layerRoot = null;
  /** The page-wide layer for cards, pills and dialogs: one fixed host outside the site's tree. */
  function layer() {
    if (!layerRoot?.host.isConnected) {
      const host = h('div', { 'data-riskhint-host': 'layer', style: 'position: fixed; inset: 0 auto auto 0; width: 0; height: 0; z-index: 2147483647;' });
      document.documentElement.append(host);
      layerRoot = shadowOf(host);
      // Where screen readers hear what changed in a draft (it must exist before it speaks).
      layerRoot.append(h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-riskhint-ui': 'announce' }));
    }
    // The site's theme can change at any time; follow it whenever something is shown.
    /** @type {HTMLElement} */ (layerRoot.host).dataset.theme = pageIsDark() ? 'dark' : 'light';
    return layerRoot;
  }

  /**
   * Says `text` to screen readers, politely (after what they are reading).
   * @param {string} text
   */
  function announce(text) {
    const region = layer().querySelector('[data-riskhint-ui="announce"]');
    if (region) region.textContent = text;
  }

  /** Whether the page is drawn dark: its background's luminance, as the site set it. */
  function pageIsDark() {
    for (const el of [document.body, document.documentElement]) {
      const rgb = el && getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g)?.map(Number);
      if (!rgb || rgb.length < 3 || rgb[3] === 0) continue; // transparent: look further out
      return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255 < 0.5;
    }
    return false;
  }

  /**
   * Puts `el` next to `rect` (below, or above when there is no room), inside the viewport.
   * @param {HTMLElement} el
   * @param {DOMRect} rect
   */
  function place(el, rect) {
    const margin = 8;
    const box = el.getBoundingClientRect();
    const left = Math.max(margin, Math.min(rect.left, innerWidth - box.width - margin));
    const below = rect.bottom + 6;
    const top = below + box.height > innerHeight - margin ? Math.max(margin, rect.top - box.height - 6) : below;
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  }

  /**
   * Where a card belongs: the rect of what it points at now, or null once that is gone (removed
   * from the page). Read again on every scroll, so it must be cheap.
   * @typedef {() => DOMRect | null} Anchor
   */

  /**
   * An anchor for an element: its rect while it is in the page.
   * @param {Element} el
   * @returns {Anchor}
   */
  const anchorOf = (el) => () => (el.isConnected ? el.getBoundingClientRect() : null);

  /** @param {DOMRect} rect entirely outside the viewport */
  const offScreen = (rect) => rect.bottom <= 0 || rect.top >= innerHeight || rect.right <= 0 || rect.left >= innerWidth;

  /** @type {HTMLElement | null} */
  let openCard = null;
  /** @type {Anchor | null} what the open card points at */
  let openAnchor = null;
  /** @type {Array<() => void>} */
  const onCardClose = [];
  function closeCard() {
    if (!openCard) return;
    openCard.remove();
    openCard = null;
    openAnchor = null;
    onCardClose.splice(0).forEach((run) => run());
  }
  /** Closes the open card unless the pointer is on it (leaving a badge for its card). */
  function closeCardUnlessHovered() {
    if (!openCard?.matches(':hover')) closeCard();
  }

  /**
   * Shows a card near its anchor, replacing any open one. While open, it follows the anchor as the
   * page scrolls, and closes when the anchor leaves the viewport or the page.
   * @param {HTMLElement} card
   * @param {Anchor} anchor
   * @param {() => void} [onClose] runs when the card goes away
   */
  function showCard(card, anchor, onClose = () => {}) {
    closeCard();
    onCardClose.push(onClose);
    layer().append(card);
    openCard = card;
    openAnchor = anchor;
    const rect = anchor();
    if (rect) place(card, rect);
    else closeCard();
    return card;
  }

  /** Puts the open card back next to its anchor (scroll, resize), or closes it when that is gone. */
  function followAnchor() {
    if (!openCard || !openAnchor) return;
    const rect = openAnchor();
    if (!rect || offScreen(rect)) closeCard();
    else place(openCard, rect);
  }
  addEventListener('scroll', followAnchor, { passive: true, capture: true });
  addEventListener('resize', followAnchor, { passive: true });

  /** @param {number} risk */
  const riskClass = (risk) => (risk >= 70 ? 'risk-high' : risk >= 40 ? 'risk-medium' : 'risk-low');

  /**
   * The badge on a post: top label and risk. Hover or focus opens the card. A post whose labels
   * change (the semantic tier refines them a moment later) keeps its badge, updated in place, so
   * that the user's focus or hover on it is not lost.
   * @param {Element} article
   * @param {PostReport} report
   * @param {{promoted: boolean, onOpen: (badge: HTMLElement) => void, onClose: () => void}} options
   */
  function badge(article, report, options) {
    if (!report.labels.length && !options.promoted) {
      removeBadge(article);
      return null;
    }
    const existing = badges.get(article);
    if (existing?.host.isConnected && existing.host.parentNode === article) {
      existing.options = options;
      fillBadge(existing.button, report);
      return existing.button;
    }
    removeBadge(article);
    // A zero-height block at the top of the post: it anchors the badge without moving anything.
    const host = h('div', { 'data-riskhint-host': 'badge', style: 'position: relative; display: block; height: 0; width: 100%; overflow: visible;' });
    const root = shadowOf(host);
    const button = h('button', { 'data-riskhint-ui': 'badge', 'aria-haspopup': 'dialog' });
    fillBadge(button, report);
    const entry = { host, button, options };
    let closeTimer = 0;
    const open = () => {
      clearTimeout(closeTimer);
      entry.options.onOpen(button);
    };
    const close = () => {
      closeTimer = window.setTimeout(() => entry.options.onClose(), 250);
    };
    button.addEventListener('mouseenter', open);
    button.addEventListener('focus', open);
    button.addEventListener('mouseleave', close);
    button.addEventListener('blur', close);
    button.addEventListener('keydown', (e) => e.key === 'Escape' && entry.options.onClose());
    // Clicks on the badge must not open the post (X navigates on a click anywhere in it).
    button.addEventListener('click', (e) => { e.stopPropagation(); e.preventDefault(); open(); });
    root.append(button);
    article.prepend(host);
    badges.set(article, entry);
    return button;
  }

  /**
   * A badge's words, colour and accessible name for `report`.
   * @param {HTMLElement} button
   * @param {PostReport} report
   */
  function fillBadge(button, report) {
    const top = report.labels[0];
    const text = top ? `${labelName(top)}${report.labels.length > 1 ? ` +${report.labels.length - 1}` : ''}` : t('badgeAd');
    button.className = `badge ${riskClass(report.risk)}`;
    button.setAttribute('aria-label', top ? t('badgeName', report.labels.map(labelName).join(', '), report.risk) : t('badgeAdName'));
    button.replaceChildren(h('span', { text }), ...(top ? [h('span', { class: 'risk', text: String(report.risk) })] : []));
  }

  /** @type {WeakMap<Element, {host: HTMLElement, button: HTMLElement, options: {promoted: boolean, onOpen: (badge: HTMLElement) => void, onClose: () => void}}>} riskhint's badge on each post */
  const badges = new WeakMap();
  /**
   * Removes riskhint's badge from a post (a look-alike the page put there stays the page's).
   * @param {Element} article
   */
  function removeBadge(article) {
    badges.get(article)?.host.remove();
    badges.delete(article);
  }
  /**
   * riskhint's badge button on a post, if it has one.
   * @param {Element} article
   */
  const badgeOf = (article) => badges.get(article)?.button ?? null;

  /**
   * The card for a post: every label, the hint, the words behind each label, and the reasons.
   * @param {PostReport} report
   * @param {string} text the post's text, for the highlighted words
   * @param {Element} anchor what the card points at (the post's badge)
   * @param {boolean} promoted
   * @param {() => void} onClose
   */
  function postCard(report, text, anchor, promoted, onClose) {
    const words = h('p', { class: 'words' });
    let at = 0;
    const spans = [...report.evidence].sort((a, b) => a.start - b.start);
    for (const e of spans) {
      if (e.start < at) continue;
      words.append(text.slice(at, e.start), h('mark', { 'data-label': e.label, text: text.slice(e.start, e.end) }));
      at = e.end;
    }
    words.append(text.slice(at));
    const reasons = [...new Map(report.findings.map((f) => [f.code, f])).values()];
    const card = h('div', { class: 'card', role: 'dialog', 'data-riskhint-ui': 'post-card', 'aria-label': t('postCardName') },
      h('h2', { text: report.hint ?? t('nothingStandsOut') }),
      h('div', { class: 'chips' }, ...report.labels.map((/** @type {string} */ l) => h('span', { class: 'chip', 'data-label': l, text: labelName(l) })),
        promoted ? h('span', { class: 'chip', 'data-label': 'promoted', text: t('adBySite') }) : null),
      h('p', { class: 'muted', text: t('riskWithReach', report.risk) }),
      spans.length ? words : null,
      ...reasons.map((f) => h('p', {}, h('span', { class: `sev ${f.severity}`, title: severityName(f.severity), text: f.code }), f.message)));
    card.addEventListener('mouseleave', closeCard);
    return showCard(card, anchorOf(anchor), onClose);
  }

  /**
   * The card for the findings under a word of a draft (one, or several sharing the word), each with
   * its reason, its fixes and what a fix would bring. A fix that needs the user's words opens a
   * small form in the card and inserts only what was filled in.
   * @param {Finding[]} findings the first names the card (data-code); each has its `locked` (the engine's word): no Ignore, no Turn off
   * @param {Anchor} anchor the findings' words in the draft, now
   * @param {(finding: Finding) => CardActions} actionsFor
   * @param {boolean} [focus] move keyboard focus into the card (when opened from the list)
   */
  function findingCard(findings, anchor, actionsFor, focus = false) {
    /**
     * @param {string} ui its data-riskhint-ui name
     * @param {string} text
     * @param {() => void} run
     * @param {string} [kind]
     * @param {boolean} [closes] the card closes first
     */
    const action = (ui, text, run, kind = 'action', closes = true) => {
      const b = h('button', { class: kind, 'data-riskhint-ui': ui, text });
      // A click leaves focus in the editor, as an editor's toolbar does: taking it would end the
      // user's IME composition behind their back (the composer refuses Apply during one).
      b.addEventListener('mousedown', (e) => e.preventDefault());
      b.addEventListener('click', fromUser(() => {
        if (closes) closeCard();
        run();
      }));
      return b;
    };
    /** @param {Finding} finding */
    const section = (finding) => {
      const actions = actionsFor(finding);
      const fixes = finding.suggestions.map((s) => s.kind === 'prompt'
        ? action('apply', s.label, () => askFor(part, s, actions), 'action primary', false)
        : action('apply', s.label, () => actions.apply(s), 'action primary'));
      // What a fix would bring, said before Apply.
      const brings = finding.suggestions.filter((s) => s.creates?.length).map((s) =>
        h('p', { class: 'muted', 'data-riskhint-ui': 'creates', text: t('fixCreates', s.label, (s.creates ?? []).map((c) => c.message).join(' ')) }));
      const dismiss = finding.locked
        ? [h('p', { class: 'muted', 'data-riskhint-ui': 'required', text: t('requiredByOrganisation') })]
        : [action('ignore', t('ignore'), actions.ignore), action('turn-off', t('turnOffRule', finding.code), actions.turnOff)];
      const part = h('section', { 'data-riskhint-ui': 'card-finding', 'data-code': finding.code },
        h('h2', {}, h('span', { class: `sev ${finding.severity}`, text: severityName(finding.severity) }), finding.message),
        h('p', { text: finding.reason }),
        h('p', { class: 'muted', text: `${finding.code} · ${finding.source}` }),
        // A finding of the semantic tier says so: a reading, not a listed word.
        ...(finding.confidence === undefined ? [] : [h('p', { class: 'muted', 'data-riskhint-ui': 'semantic', text: t('semanticConfidence', Math.round(finding.confidence * 100)) })]),
        ...brings,
        h('div', { class: 'actions' }, ...fixes, ...dismiss));
      return part;
    };
    const card = h('div', { class: 'card', role: 'dialog', 'data-riskhint-ui': 'finding-card', 'data-code': findings[0].code, 'aria-label': findings.map((f) => f.message).join(' ') },
      ...findings.map(section));
    card.addEventListener('keydown', (e) => e.key === 'Escape' && closeCard());
    showCard(card, anchor);
    if (focus) /** @type {HTMLElement | null} */ (card.querySelector('button'))?.focus();
    return card;
  }

  /**
   * The fill-in form of a fix that needs the user's words, in place of its section's buttons: one
   * field per thing it asks; Insert once the required ones are filled.
   * @param {HTMLElement} part the finding's section of the card
   * @param {Suggestion} suggestion a prompt
   * @param {CardActions} actions
   */
  function askFor(part, suggestion, actions) {
    const inputs = (suggestion.prompt?.fields ?? []).map((field) => {
      const input = /** @type {HTMLInputElement} */ (h('input', { type: 'text', name: field.name, placeholder: field.example, 'aria-label': field.label, maxlength: '200' }));
      return { field, input, row: h('label', { class: 'field' }, h('span', { text: field.label }), input) };
    });
    const insert = /** @type {HTMLButtonElement} */ (h('button', { class: 'action primary', 'data-riskhint-ui': 'fill', text: t('insertFilled') }));
    const ready = () => inputs.every(({ field, input }) => !field.required || input.value.trim());
    const update = () => { insert.disabled = !ready(); };
    const submit = () => {
      if (!ready()) return;
      closeCard();
      actions.fill(suggestion, Object.fromEntries(inputs.map(({ field, input }) => [field.name, input.value])));
    };
    for (const { input } of inputs) {
      input.addEventListener('input', update);
      // Enter inserts, unless an IME is committing a syllable with it.
      input.addEventListener('keydown', fromUser((/** @type {KeyboardEvent} */ e) => e.key === 'Enter' && !e.isComposing && submit()));
    }
    insert.addEventListener('click', fromUser(submit));
    const form = h('div', { class: 'fill', 'data-riskhint-ui': 'prompt' }, ...inputs.map(({ row }) => row), h('div', { class: 'actions' }, insert));
    part.querySelector('.actions')?.replaceWith(form);
    update();
    inputs[0]?.input.focus();
  }

  /**
   * A short note near `near` saying why an action did not happen; screen readers hear it too. It
   * goes away like a card, or after a few seconds.
   * @param {string} text
   * @param {DOMRect | Element} near what it is about (the editor, or its rect then)
   */
  function notice(text, near) {
    const note = h('div', { class: 'card', 'data-riskhint-ui': 'notice', text });
    showCard(note, near instanceof Element ? anchorOf(near) : () => near);
    announce(text);
    setTimeout(() => openCard === note && closeCard(), NOTICE_MS);
    return note;
  }
  const NOTICE_MS = 5000;

  /** @type {WeakMap<HTMLElement, (back?: () => void) => void>} how each pill opens its list */
  const listOpeners = new WeakMap();

  /**
   * The verdict pill beside a composer; clicking it lists the findings.
   * @param {HTMLElement | null} pill the pill from last time, if any
   * @param {Element} editor
   * @param {string} verdict
   * @param {Finding[]} findings
   * @param {(finding: Finding) => void} onPick
   * @param {() => Element[]} [controls] the site's controls around the composer (its Post button,
   *   toolbar, counter…), which the pill must never cover
   */
  function pill(pill, editor, verdict, findings, onPick, controls = () => []) {
    const before = pill ? `${pill.dataset.verdict}:${pill.dataset.count}` : null;
    if (!findings.length) {
      if (pill) announce(t('draftClear'));
      pill?.remove();
      return null;
    }
    pill ??= h('button', { class: 'pill', 'data-riskhint-ui': 'pill', 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
    const button = pill;
    button.className = `pill ${verdict}`;
    button.dataset.verdict = verdict;
    button.dataset.count = String(findings.length);
    const summary = t(verdict === 'block' ? 'pillBlock' : verdict === 'review' ? 'pillReview' : 'pillNote');
    button.textContent = t('pillText', summary, findings.length);
    button.setAttribute('aria-label', t('pillName', summary, findings.length));
    // Screen readers hear a change of verdict or count, not every keystroke's check.
    if (before !== `${verdict}:${findings.length}`) announce(t('draftStatus', summary, findings.length));
    /**
     * Opens the list of findings with focus on the first. `back` (the composer's shortcut) is
     * where Escape and the shortcut take focus afterwards; without it Escape goes to the pill.
     * @param {() => void} [back]
     */
    const openList = (back) => {
      const items = findings.map((f) => {
        const item = h('button', { role: 'menuitem', 'data-riskhint-ui': 'finding', 'data-code': f.code, tabindex: '-1' },
          h('span', { class: `sev ${f.severity}`, text: severityName(f.severity) }), f.message.includes(f.text) ? f.message : `${f.message} — “${f.text}”`);
        item.addEventListener('click', fromUser(() => onPick(f)));
        return item;
      });
      const list = h('div', { class: 'list', role: 'menu', 'data-riskhint-ui': 'finding-list', 'aria-label': t('findingListName') }, ...items);
      // A menu's keys: arrows, Home and End move; Escape goes back to the pill (or to the draft,
      // when the shortcut opened the list); the shortcut goes back to the draft.
      list.addEventListener('keydown', (e) => {
        const at = items.indexOf(/** @type {HTMLElement} */ (layer().activeElement));
        const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
        if (next !== undefined) {
          e.preventDefault();
          items[(next + items.length) % items.length].focus();
        } else if (isListShortcut(e) && e.isTrusted) {
          e.preventDefault();
          closeCard();
          (back ?? (() => /** @type {HTMLElement} */ (editor).focus()))();
        } else if (e.key === 'Escape' || e.key === 'Tab') {
          closeCard();
          if (back && e.key === 'Escape') back();
          else button.focus();
        }
      });
      button.setAttribute('aria-expanded', 'true');
      showCard(list, anchorOf(button), () => button.setAttribute('aria-expanded', 'false'));
      items[0]?.focus();
    };
    listOpeners.set(button, openList);
    button.onclick = fromUser(() => openList());
    pillControls.set(button, controls);
    if (!button.isConnected) layer().append(button);
    placePill(button, editor);
    return button;
  }

  /**
   * The shortcut between a draft and its list of findings: Alt+Shift+R, by the key's place (Alt
   * changes event.key on some layouts), never during an IME composition.
   * @param {KeyboardEvent} e
   */
  const isListShortcut = (e) => e.code === 'KeyR' && e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && !e.isComposing;

  /**
   * Opens a pill's list of findings from the composer's shortcut (a trusted key event: the
   * composer checks), focus on its first item; `back` returns focus to the draft.
   * @param {HTMLElement} pill
   * @param {() => void} back
   */
  function openPillList(pill, back) {
    listOpeners.get(pill)?.(back);
  }

  /** @type {WeakMap<HTMLElement, () => Element[]>} the controls each pill keeps clear of */
  const pillControls = new WeakMap();

  /**
   * How much two rects overlap (area; 0 when apart or only touching).
   * @param {{left: number, top: number, right: number, bottom: number}} a
   * @param {{left: number, top: number, right: number, bottom: number}} b
   */
  const overlap = (a, b) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

  /**
   * Puts the pill by the editor where it covers none of the site's controls (the Post button, the
   * toolbar, the counter…): the first free place of below-left, below-right, above-right,
   * above-left, inside bottom-right and inside bottom-left that lies in the viewport; when none is
   * free, the one that covers least. A few rects per call: it runs on every scroll.
   * @param {HTMLElement} pill
   * @param {Element} editor
   */
  function placePill(pill, editor) {
    const margin = 8;
    const gap = 4;
    const rect = editor.getBoundingClientRect();
    const box = pill.getBoundingClientRect();
    const w = box.width;
    const hgt = box.height;
    const obstacles = (pillControls.get(pill)?.() ?? [])
      .filter((el) => el.isConnected)
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    const below = rect.bottom + gap;
    const above = rect.top - hgt - gap;
    const inside = rect.bottom - hgt - gap;
    const candidates = [
      [rect.left, below], [rect.right - w, below],
      [rect.right - w, above], [rect.left, above],
      [rect.right - w - gap, inside], [rect.left + gap, inside],
    ];
    const clampX = (/** @type {number} */ x) => Math.max(margin, Math.min(x, innerWidth - w - margin));
    const clampY = (/** @type {number} */ y) => Math.max(margin, Math.min(y, innerHeight - hgt - margin));
    /** @param {number} x @param {number} y */
    const covered = (x, y) => {
      const r = { left: x, top: y, right: x + w, bottom: y + hgt };
      return obstacles.reduce((sum, o) => sum + overlap(r, o), 0);
    };
    let best = { x: clampX(rect.left), y: clampY(below), cost: Infinity };
    for (const [cx, cy] of candidates) {
      const x = clampX(cx);
      const y = clampY(cy);
      const cost = covered(x, y);
      if (cost === 0 && y === cy) {
        best = { x, y, cost };
        break;
      }
      // Moved into the viewport: usable only when nothing better is found.
      if (cost + (y === cy ? 0 : 0.5) < best.cost) best = { x, y, cost: cost + (y === cy ? 0 : 0.5) };
    }
    pill.style.left = `${best.x}px`;
    pill.style.top = `${best.y}px`;
    // A list open from this pill follows it.
    if (openCard && openAnchor) followAnchor();
  }

  /**
   * Asks before a post with findings to review goes out: each finding with its reason and fixes,
   * "Apply all safe fixes", Edit (the default, also on Escape) and Post anyway, which needs a short
   * reason where the policy says so. Resolves what the user chose.
   * @param {Finding[]} findings the ones to review
   * @param {{fixAll: (Suggestion & {fixes: number}) | null, requireReason: boolean, apply: (finding: Finding, suggestion: Suggestion) => void, applyAll: () => void}} options
   * @returns {Promise<{choice: 'edit'} | {choice: 'post', reason: string}>}
   */
  function review(findings, options) {
    closeCard();
    return new Promise((resolve) => {
      const backdrop = h('div', { class: 'backdrop' });
      const edit = h('button', { class: 'action primary', 'data-riskhint-ui': 'edit', text: t('edit') });
      const post = /** @type {HTMLButtonElement} */ (h('button', { class: 'action', 'data-riskhint-ui': 'post-anyway', text: t('postAnyway') }));
      const reason = options.requireReason
        ? /** @type {HTMLTextAreaElement} */ (h('textarea', { 'data-riskhint-ui': 'reason', rows: '2', maxlength: '500', 'aria-label': t('postAnywayReason'), placeholder: t('postAnywayReason') }))
        : null;
      const reasonGiven = () => !reason || reason.value.trim().length >= 3;
      post.disabled = !reasonGiven();
      reason?.addEventListener('input', () => { post.disabled = !reasonGiven(); });
      /**
       * A fix button: the dialog closes (back to the draft, which is checked again) and the fix is made.
       * @param {string} ui
       * @param {string} text
       * @param {() => void} run
       */
      const fixButton = (ui, text, run) => {
        const b = h('button', { class: 'action', 'data-riskhint-ui': ui, text });
        b.addEventListener('click', fromUser(() => {
          finish({ choice: 'edit' });
          run();
        }));
        return b;
      };
      const items = findings.map((f) => h('li', { 'data-code': f.code },
        h('span', { class: `sev ${f.severity}`, text: severityName(f.severity) }),
        h('strong', { text: f.message }),
        h('p', { class: 'muted', 'data-riskhint-ui': 'reason-line', text: f.reason }),
        h('div', { class: 'actions' }, ...f.suggestions.filter((s) => s.kind !== 'prompt').slice(0, 2).map((s) => fixButton('review-apply', s.label, () => options.apply(f, s))))));
      const applyAll = options.fixAll ? fixButton('apply-all', t('applyAllSafe', options.fixAll.fixes), options.applyAll) : null;
      const dialog = h('div', { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'data-riskhint-ui': 'review', 'aria-labelledby': 'riskhint-review-title' },
        h('h2', { id: 'riskhint-review-title', text: t('reviewTitle') }),
        h('p', { text: t('reviewIntro') }),
        h('ul', {}, ...items),
        reason,
        h('div', { class: 'actions' }, applyAll, edit, post));
      // A modal keeps focus: an editor that takes it back (DraftJS does when an IME composition
      // ends, which a click on Post can cause) must not get the keys meant for the dialog.
      const keep = (/** @type {FocusEvent} */ e) => {
        if (!e.composedPath().includes(dialog)) edit.focus();
      };
      document.addEventListener('focusin', keep, true);
      /** @param {{choice: 'edit'} | {choice: 'post', reason: string}} choice */
      const finish = (choice) => {
        document.removeEventListener('focusin', keep, true);
        backdrop.remove();
        dialog.remove();
        resolve(choice);
      };
      edit.addEventListener('click', fromUser(() => finish({ choice: 'edit' })));
      post.addEventListener('click', fromUser(() => reasonGiven() && finish({ choice: 'post', reason: reason?.value.trim() ?? '' })));
      backdrop.addEventListener('click', fromUser(() => finish({ choice: 'edit' })));
      dialog.addEventListener('keydown', fromUser((e) => {
        if (e.key === 'Escape') finish({ choice: 'edit' });
        // Keep Tab inside the dialog.
        if (e.key === 'Tab') {
          e.preventDefault();
          const stops = /** @type {HTMLElement[]} */ ([...dialog.querySelectorAll('button:not([disabled]), textarea')]);
          const at = stops.indexOf(/** @type {HTMLElement} */ (layer().activeElement));
          stops[(at + (e.shiftKey ? -1 : 1) + stops.length) % stops.length]?.focus();
        }
        e.stopPropagation();
      }));
      layer().append(backdrop, dialog);
      edit.focus();
    });
  }

  // A click anywhere else closes an open card.
  document.addEventListener('pointerdown', (e) => {
    if (openCard && !e.composedPath().includes(openCard)) closeCard();
  }, true);

  return { badge, badgeOf, removeBadge, postCard, findingCard, notice, pill, placePill, openPillList, isListShortcut, review, closeCard, closeCardUnlessHovered };
})();
