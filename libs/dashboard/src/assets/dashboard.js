/* 儀表盤 — plain browser JavaScript, no build. Signs in on the page, keeps the token for the tab
 * (sessionStorage), and reads everything from this node's API with it. Charts are the API's
 * server-rendered SVG shown as images; drill-down is a click on a province, city or district row. */
(() => {
  'use strict';
  const body = document.body;
  const node = { code: body.dataset.node, name: body.dataset.nodeName, tier: body.dataset.tier };
  const TOKEN = 'crm.dashboard.token';
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  };
  const fmt = (n) => (typeof n === 'number' ? n.toLocaleString('zh-CN') : n ?? '—');
  const objectUrls = [];

  /** The scope being looked at: HQ → province → city; a city node is its own scope. */
  const scope = { province: null, city: null, names: {} };

  function query(extra = {}) {
    const q = new URLSearchParams();
    if (scope.province) q.set('province', scope.province);
    if (scope.city) q.set('city', scope.city);
    const period = $('period').value;
    for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null) q.set(k, v);
    if (period && extra.period === undefined && extra.noPeriod === undefined) q.set('period', period);
    q.delete('noPeriod');
    return q.toString();
  }

  async function api(path, { raw = false } = {}) {
    const token = sessionStorage.getItem(TOKEN);
    const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (res.status === 401) {
      signOut();
      throw new Error('signed out');
    }
    if (!res.ok) {
      let message = `${res.status}`;
      try {
        message = (await res.json()).message ?? message;
      } catch {
        /* not JSON */
      }
      throw new Error(message);
    }
    return raw ? res : res.json();
  }

  // ------------------------------------------------------------------ sign-in

  function signOut() {
    sessionStorage.removeItem(TOKEN);
    $('board').hidden = true;
    $('signin').hidden = false;
    $('session').textContent = '';
  }

  $('signin-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = new FormData(ev.target);
    $('signin-error').textContent = '';
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
    });
    if (!res.ok) {
      $('signin-error').textContent = '用戶名或密碼不正確 Wrong username or password';
      return;
    }
    sessionStorage.setItem(TOKEN, (await res.json()).accessToken);
    start();
  });

  function start() {
    $('signin').hidden = true;
    $('board').hidden = false;
    $('session').replaceChildren(el('button', { type: 'button', id: 'signout', onclick: signOut }, '退出 Sign out'));
    render();
  }

  // ------------------------------------------------------------------ scope and drill-down

  function drill(level, code, name) {
    if (level === 'province') Object.assign(scope, { province: code, city: null });
    if (level === 'city') scope.city = code;
    scope.names[code] = name;
    render();
  }

  function renderScope() {
    const crumbs = [];
    const root = node.tier === 'hq' ? '全國 Nation' : node.name;
    crumbs.push(el('a', { href: '#', onclick: (e) => (e.preventDefault(), Object.assign(scope, { province: null, city: null }), render()) }, root));
    if (scope.province && node.tier === 'hq') {
      crumbs.push(' › ', el('a', { href: '#', onclick: (e) => (e.preventDefault(), (scope.city = null), render()) }, scope.names[scope.province] ?? scope.province));
    }
    if (scope.city) crumbs.push(' › ', el('span', {}, scope.names[scope.city] ?? scope.city));
    $('scope').replaceChildren(...crumbs);
  }

  /** What a breakdown row drills into: HQ → province → city; a province → city; a city: nothing (districts). */
  function nextLevel() {
    if (node.tier === 'city' || scope.city) return null;
    if (node.tier === 'hq' && !scope.province) return 'province';
    return 'city';
  }

  // ------------------------------------------------------------------ cards

  async function renderCustomers() {
    const level = nextLevel();
    const groupBy = level ?? 'district';
    const data = await api(`/api/v1/analytics/customers?${query({ groupBy, noPeriod: true })}`);
    $('customers-totals').replaceChildren(
      el('div', { class: 'kpi' }, el('b', {}, fmt(data.totals.customers)), el('span', {}, '客戶 customers')),
      el('div', { class: 'kpi' }, el('b', {}, fmt(data.totals.newCustomers)), el('span', {}, '新增 new')),
      el('div', { class: 'kpi' }, el('b', {}, fmt(data.totals.lostCustomers)), el('span', {}, '流失 lost')),
    );
    const thead = $('customers-table').querySelector('thead');
    thead.replaceChildren(el('tr', {}, el('th', {}, groupBy), el('th', {}, '客戶 Customers'), el('th', {}, '新增 New'), el('th', {}, '流失 Lost')));
    const max = Math.max(1, ...data.breakdown.map((r) => r.customers));
    $('customers-table').querySelector('tbody').replaceChildren(
      ...data.breakdown.map((r) => {
        const bar = el('span', { class: 'bar' });
        bar.style.width = `${Math.round((100 * r.customers) / max)}%`;
        const label = level ? el('a', { href: '#', class: 'drill', 'data-code': r.key, onclick: (e) => (e.preventDefault(), drill(level, r.key, r.name)) }, `${r.name} ${r.key}`) : `${r.name} ${r.key}`;
        return el('tr', {}, el('td', {}, label), el('td', {}, bar, ' ', fmt(r.customers)), el('td', {}, fmt(r.newCustomers)), el('td', {}, fmt(r.lostCustomers)));
      }),
    );
    $('asof').textContent = data.date ? `截至 As of ${data.date} · ${data.freshness.length} 城市 cities${data.missing.length ? ` · 缺 missing ${data.missing.join(', ')}` : ''}` : '尚無數據 No facts yet';
  }

  async function renderFreshness() {
    const tbody = $('freshness-table').querySelector('tbody');
    if (node.tier === 'city') {
      $('freshness-card').hidden = true;
      return;
    }
    const data = await api('/api/v1/federation/children');
    tbody.replaceChildren(
      ...data.children.map((c) =>
        el(
          'tr',
          { class: `status-${c.status}` },
          el('td', {}, `${c.name} ${c.code}`),
          el('td', {}, c.lastBatch ? `${c.lastBatch.metricSet} ${c.lastBatch.period} · ${new Date(c.lastBatch.receivedAt).toLocaleString('zh-CN')}` : '—'),
          el('td', {}, c.lagSeconds == null ? '—' : `${Math.round(c.lagSeconds / 60)} min`),
          el('td', {}, { ok: '正常 ok', late: '延遲 late', never: '未收到 never' }[c.status] ?? c.status),
        ),
      ),
    );
  }

  async function renderAnalyses() {
    const box = $('analyses');
    let list;
    try {
      list = await api('/api/v1/analyses');
    } catch {
      box.replaceChildren();
      return;
    }
    const items = (Array.isArray(list) ? list : list.items ?? []).slice(0, 12);
    for (const u of objectUrls.splice(0)) URL.revokeObjectURL(u);
    box.replaceChildren(
      ...items.map((a) => {
        const card = el('section', { class: 'card analysis', 'data-analysis': a.name }, el('h2', {}, a.titleZh ?? a.title?.zh ?? a.name, ' ', el('small', {}, a.titleEn ?? a.title?.en ?? '')));
        const img = el('img', { alt: a.name, class: 'chart' });
        const xlsx = el('a', { href: '#', class: 'download' }, 'Excel');
        xlsx.addEventListener('click', async (e) => {
          e.preventDefault();
          const res = await api(`/api/v1/analyses/${encodeURIComponent(a.name)}?${query({ format: 'xlsx' })}`, { raw: true });
          const url = URL.createObjectURL(await res.blob());
          el('a', { href: url, download: `${a.name}.xlsx` }).click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        });
        card.append(img, xlsx);
        api(`/api/v1/analyses/${encodeURIComponent(a.name)}?${query({ format: 'svg' })}`, { raw: true })
          .then((res) => res.blob())
          .then((blob) => {
            const url = URL.createObjectURL(blob);
            objectUrls.push(url);
            img.src = url;
          })
          .catch((err) => card.append(el('p', { class: 'error' }, String(err.message))));
        return card;
      }),
    );
  }

  async function render() {
    renderScope();
    const results = await Promise.allSettled([renderCustomers(), renderFreshness(), renderAnalyses()]);
    for (const r of results) if (r.status === 'rejected') console.warn(r.reason);
  }

  $('period').addEventListener('change', render);
  if (node.tier === 'city') scope.city = null;
  if (sessionStorage.getItem(TOKEN)) start();
})();
