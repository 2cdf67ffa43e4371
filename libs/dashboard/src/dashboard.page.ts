import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The script and style, read once (they ship next to this file, in src/assets and dist alike). */
export const DASHBOARD_ASSETS = {
  script: readFileSync(join(__dirname, 'assets', 'dashboard.js'), 'utf8'),
  style: readFileSync(join(__dirname, 'assets', 'dashboard.css'), 'utf8'),
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TIER_LABEL: Record<string, string> = { hq: '總部 HQ', province: '省 Province', city: '地市 City' };

/** The page: the node it belongs to is in `data-*` attributes; everything else comes from the API after sign-in. */
export function dashboardPage(node: { code: string; name: string; tier: string }): string {
  const title = `${escapeHtml(node.name)} · CRM 儀表盤`;
  return `<!doctype html>
<html lang="zh-Hant">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/dashboard/app.css">
<script src="/dashboard/app.js" defer></script>
</head>
<body data-node="${escapeHtml(node.code)}" data-node-name="${escapeHtml(node.name)}" data-tier="${escapeHtml(node.tier)}">
<header>
  <h1>${escapeHtml(node.name)} <small>${escapeHtml(TIER_LABEL[node.tier] ?? node.tier)} · ${escapeHtml(node.code)}</small></h1>
  <nav id="scope" aria-label="scope"></nav>
  <div id="session"></div>
</header>
<main>
  <section id="signin" class="card">
    <h2>登錄 Sign in</h2>
    <form id="signin-form">
      <label>用戶名 Username <input name="username" autocomplete="username" required></label>
      <label>密碼 Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">登錄 Sign in</button>
      <p id="signin-error" role="alert"></p>
    </form>
  </section>
  <section id="board" hidden>
    <div class="toolbar">
      <label>期間 Period <input id="period" type="month"></label>
      <span id="asof"></span>
    </div>
    <div class="grid">
      <section class="card wide" id="customers-card">
        <h2>客戶 Customers</h2>
        <div id="customers-totals" class="totals"></div>
        <table id="customers-table"><thead></thead><tbody></tbody></table>
      </section>
      <section class="card" id="freshness-card">
        <h2>數據新鮮度 Freshness</h2>
        <table id="freshness-table"><thead><tr><th>節點 Node</th><th>最新批次 Latest</th><th>落後 Lag</th><th>狀態 Status</th></tr></thead><tbody></tbody></table>
      </section>
      <div id="analyses" class="grid-inner"></div>
    </div>
  </section>
</main>
</body>
</html>
`;
}
