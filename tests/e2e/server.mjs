// HTTPS fixture server for the end-to-end tests: X-shaped pages built on the real X captures
// (shared/fixtures/x) and the real DraftJS editor, served with x.com's kind of strict CSP (no
// 'wasm-unsafe-eval', no inline scripts). Chromium reaches it as https://x.com/... through
// --host-resolver-rules (see browser.mjs), so every URL in a page is same-origin.
//
//   const server = await startServer({ shared, port });  // → { port, url(path), requests, close() }
//
// Pages are chosen by host: x.com and twitter.com get the X pages below; every host in SITES gets
// the pages of its own module (fixtures/<site>/pages.mjs), which owns that site's fixtures.
//
// X routes: /home (composer + timeline + #load-more), /virtual (1,000 virtualised posts), /hostile
// (posts carrying markup and a page script working against riskhint: fixtures/hostile.mjs),
// /compose/post (composer in a #layers dialog), /status/<id> and /<handle>/status/<id>, /blank,
// /fixtures/* (page scripts, styles), /vendor/* (React, ReactDOM, Immutable, DraftJS UMD), /img.png.

import https from 'node:https';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const FIXTURES = path.join(HERE, 'fixtures');

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

// /hostile allows inline scripts and handlers, so that markup a post carries runs if anything parses
// it as HTML (under CSP above it would be blocked whether or not riskhint is safe).
const HOSTILE_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

export const CAPTURES = ['tweet-sample.html', 'tweet-quote.html', 'tweet-quote-video.html'];

// Only these node_modules files are served (UMD builds; Draft.js needs the global Immutable 3.7).
const VENDOR = {
  'react/umd/react.production.min.js': 'react/umd/react.production.min.js',
  'react-dom/umd/react-dom.production.min.js': 'react-dom/umd/react-dom.production.min.js',
  'immutable/dist/immutable.min.js': 'immutable/dist/immutable.min.js',
  'draft-js/dist/Draft.js': 'draft-js/dist/Draft.js',
  'draft-js/dist/Draft.css': 'draft-js/dist/Draft.css',
};
const EDITOR_SCRIPTS = ['react/umd/react.production.min.js', 'react-dom/umd/react-dom.production.min.js', 'immutable/dist/immutable.min.js', 'draft-js/dist/Draft.js'];

// Other sites' fixture modules, by host. Each exports `page(pathname)` → {title, body, scripts: [urls],
// styles: [urls]} or null, and `vendor`: {servedName: node_modules path} for its editor's files.
export const SITES = {
  'www.facebook.com': 'facebook',
  'facebook.com': 'facebook',
  'www.linkedin.com': 'linkedin',
  'linkedin.com': 'linkedin',
};
const siteModules = Object.fromEntries(await Promise.all([...new Set(Object.values(SITES))].map(async (name) => {
  try {
    return [name, await import(`./fixtures/${name}/pages.mjs`)];
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return [name, null]; // that site's fixtures are not written yet
  }
})));

const TYPES = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.png': 'image/png' };

// 1×1 transparent PNG standing in for every avatar, card image and video poster of the captures.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export async function startServer({ shared = process.env.RISKHINT_SHARED ?? '../shared', port = 0 } = {}) {
  const sharedDir = path.resolve(REPO, shared);
  if (!existsSync(path.join(sharedDir, 'fixtures/x'))) {
    throw new Error(`the end-to-end fixtures are not at ${sharedDir}/fixtures/x: clone riskhint beside shared/, or set RISKHINT_SHARED to that directory`);
  }
  const captures = await loadCaptures(path.join(sharedDir, 'fixtures/x'));
  const { key, cert } = await selfSignedCertificate();
  const requests = [];

  const server = https.createServer({ key, cert }, (req, res) => {
    requests.push(req.url);
    respond(req, res, captures).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err?.stack ?? err));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  return {
    port: actualPort,
    url: (p = '/') => `https://x.com${p}`, // as the browser sees it; the resolver maps x.com here
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// Made fresh for each server and kept in memory only: the temp dir is gone before the server starts.
async function selfSignedCertificate() {
  const dir = await mkdtemp(path.join(tmpdir(), 'riskhint-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    await promisify(execFile)('/usr/bin/openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=x.com',
      '-addext', `subjectAltName=${['x.com', 'twitter.com', ...Object.keys(SITES)].map((h) => `DNS:${h}`).join(',')}`, '-keyout', keyFile, '-out', certFile,
    ]);
    return { key: await readFile(keyFile), cert: await readFile(certFile) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The captures point at pbs.twimg.com, t.co and a blob: URL; nothing may leave the local server.
async function loadCaptures(dir) {
  const out = {};
  for (const name of CAPTURES) {
    const html = (await readFile(path.join(dir, name), 'utf8'))
      .replace(/https:\/\/pbs\.twimg\.com\/[^"&\s)]*(?:&amp;[^"&\s)]*)*/g, '/img.png')
      .replace(/blob:https:\/\/x\.com\/[^"&\s)]*/g, '/video.mp4')
      .replace(/https:\/\/t\.co\//g, '/t.co/');
    const external = html.match(/(?:https?:|blob:)\/\/[^"&\s)]*/);
    if (external) throw new Error(`${name} still references ${external[0]}`);
    out[name] = html;
  }
  return out;
}

async function respond(req, res, captures) {
  const { pathname } = new URL(req.url, 'https://x.com');
  const site = siteModules[SITES[(req.headers.host ?? '').replace(/:\d+$/, '')]];
  if (site) {
    const page = site.page(pathname);
    if (page) return send(res, 200, TYPES['.html'], sitePage(page), { 'content-security-policy': CSP });
    const vendored = pathname.startsWith('/vendor/') && site.vendor?.[pathname.slice('/vendor/'.length)];
    if (vendored) return send(res, 200, TYPES[path.extname(vendored)], await readFile(path.join(REPO, 'node_modules', vendored)));
  }
  const page = site ? null : pageFor(pathname, captures);
  if (page) return send(res, 200, TYPES['.html'], page, { 'content-security-policy': pathname === '/hostile' ? HOSTILE_CSP : CSP });
  if (pathname === '/') return send(res, 302, 'text/plain', '', { location: '/home' });
  if (pathname === '/img.png') return send(res, 200, TYPES['.png'], PIXEL);
  if (pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
  if (pathname.startsWith('/vendor/')) {
    const file = VENDOR[pathname.slice('/vendor/'.length)];
    if (file) return send(res, 200, TYPES[path.extname(file)], await readFile(path.join(REPO, 'node_modules', file)));
  }
  if (pathname.startsWith('/fixtures/')) {
    const file = path.join(FIXTURES, path.normalize(pathname.slice('/fixtures/'.length)));
    const type = TYPES[path.extname(file)];
    if (file.startsWith(FIXTURES + path.sep) && type && !file.endsWith('.html')) return send(res, 200, type, await readFile(file));
  }
  send(res, 404, 'text/plain', 'not found');
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function pageFor(pathname, captures) {
  const timeline = (label) => `<section role="region" aria-labelledby="timeline-heading"><h1 id="timeline-heading" role="heading" aria-level="1">${label}</h1><div aria-label="Timeline: ${label}"><div></div></div></section>`;
  if (pathname === '/home') {
    return layout({
      title: 'Home / X', script: 'home.mjs', editor: true, captures,
      body: `<main role="main"><div data-testid="primaryColumn"><div id="home-composer"></div><ol id="posted"></ol>${timeline('Your Home Timeline')}<button id="load-more" type="button">Load more</button></div></main>`,
    });
  }
  if (pathname === '/hostile') {
    return layout({
      title: 'Home / X', script: 'hostile.mjs', editor: true, captures: { 'tweet-sample.html': captures['tweet-sample.html'] },
      body: `<main role="main"><div data-testid="primaryColumn"><div id="home-composer"></div><ol id="posted"></ol>${timeline('Your Home Timeline')}</div></main>`,
    });
  }
  if (pathname === '/virtual') {
    return layout({
      title: 'Home / X', script: 'virtual.mjs', captures: { 'tweet-sample.html': captures['tweet-sample.html'] },
      body: `<main role="main"><div data-testid="primaryColumn">${timeline('Your Home Timeline')}</div></main>`,
    });
  }
  if (pathname === '/compose/post' || pathname === '/compose') {
    return layout({
      title: 'Compose new post / X', script: 'compose.mjs', editor: true,
      body: '<main role="main"><div data-testid="primaryColumn"></div></main><div id="layers"><div role="dialog" aria-modal="true" aria-label="Compose new post"><div id="modal-composer"></div><ol id="posted"></ol></div></div>',
    });
  }
  if (/^(?:\/\w+)?\/status\/\d+$/.test(pathname)) {
    return layout({
      title: 'Post / X', script: 'status.mjs', captures,
      body: `<main role="main"><div data-testid="primaryColumn">${timeline('Conversation')}</div></main>`,
    });
  }
  if (pathname === '/blank') return layout({ title: 'Blank', body: '<p>blank</p>' });
  return null;
}

function sitePage({ title, body, scripts = [], styles = [], lang = 'en' }) {
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
${styles.map((href) => `<link rel="stylesheet" href="${href}">`).join('')}
${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('')}
</head><body>${body}</body></html>`;
}

function layout({ title, body, script, editor = false, captures = {} }) {
  const vendorScripts = editor ? EDITOR_SCRIPTS.map((f) => `<script src="/vendor/${f}"></script>`).join('') : '';
  const templates = Object.entries(captures).map(([name, html]) => `<template data-capture="${name}">${html}</template>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>${title}</title>
${editor ? '<link rel="stylesheet" href="/vendor/draft-js/dist/Draft.css">' : ''}<link rel="stylesheet" href="/fixtures/x.css">
${vendorScripts}${script ? `<script type="module" src="/fixtures/${script}"></script>` : ''}
</head><body><div id="react-root">${body}</div>
${templates}
</body></html>`;
}
