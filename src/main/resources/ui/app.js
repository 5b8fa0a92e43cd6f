// The operations page: polls the JSON endpoints with the pasted bearer token and redraws.
(function () {
  'use strict';
  const REFRESH_MS = 3000;
  const TOKEN_KEY = 'guard.token';
  const $ = (id) => document.getElementById(id);
  let timer = null;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function fill(tbody, rows, columns, emptyText) {
    tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', {class: 'empty', colspan: columns}, emptyText))]));
  }

  const token = () => sessionStorage.getItem(TOKEN_KEY);

  class Unauthorized extends Error {}

  async function call(path) {
    const answer = await fetch(path, {headers: {'Authorization': 'Bearer ' + token(), 'Accept': 'application/json'}});
    if (answer.status === 401) throw new Unauthorized('the token was refused (401): sign in again');
    if (!answer.ok) {
      let message = answer.statusText;
      try { message = (await answer.json()).message || message; } catch (e) { /* not JSON */ }
      throw new Error(path + ': ' + answer.status + ' ' + message);
    }
    return answer.json();
  }

  const time = (iso) => iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
  const tenantLink = (id) => el('a', {href: '#tenant/' + encodeURIComponent(id), class: 'tenant-link'}, id);

  function bar(counted, threshold, maximum) {
    const width = Math.min(100, counted * 100 / maximum);
    const fill = el('div', {class: 'fill' + (counted >= maximum ? ' over300' : counted > threshold ? ' over150' : ''),
      style: 'width:' + width + '%'});
    const t150 = el('div', {class: 'tick t150', title: String(threshold), style: 'left:' + (threshold * 100 / maximum) + '%'});
    return el('div', {class: 'bar', title: counted + ' of ' + maximum}, fill, t150, el('div', {class: 'tick t300', title: String(maximum)}));
  }

  function drawTenants(answer) {
    fill($('tenants').tBodies[0], answer.items.map((t) => el('tr', {'data-tenant': t.customerTenantId},
      el('td', {}, tenantLink(t.customerTenantId)),
      el('td', {class: 'num counted'}, t.countedSubscriptions),
      el('td', {class: 'num headroom'}, t.headroom),
      el('td', {}, bar(t.countedSubscriptions, t.duplicationThreshold, t.tenantMaximum)))), 4, 'no tenants');
  }

  function drawDeadlines(answer) {
    const byDay = new Map();
    for (const d of answer.items) {
      const day = d.dueAt.substring(0, 10);
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push(d);
    }
    const days = [...byDay.entries()].map(([day, items]) => el('div', {class: 'day', 'data-day': day},
      el('h3', {}, new Date(day + 'T00:00:00Z').toUTCString().substring(0, 16)),
      el('ul', {}, ...items.map((d) => el('li', {'data-deadline': d.timerType, 'data-tenant': d.customerTenantId,
          'data-subscription': d.subscriptionId},
        el('span', {class: 'kind ' + d.timerType}, d.timerType.replaceAll('_', ' ').toLowerCase()),
        tenantLink(d.customerTenantId), ' · subscription ', d.subscriptionId,
        ' · ', d.offerName || d.offerId, ' · due ', time(d.dueAt),
        d.autoRenewEnabled ? '' : ' · autorenew off')))));
    $('deadlines').replaceChildren(...(days.length ? days : [el('p', {class: 'empty'}, 'no deadlines')]));
  }

  const blocking = (t) => (t.findings || []).filter((f) => f.severity === 'BLOCKING');

  // what a finding is about: its subscriptions, or for the tenant limit the projected count
  function findingDetail(f, t) {
    if (f.code === 'TENANT_LIMIT_EXCEEDED' && t) {
      return ': ' + t.countedSubscriptions + ' counted + duplicates = ' + t.projectedSubscriptions
        + ', above the maximum of ' + t.tenantMaximum;
    }
    return (f.subscriptionIds || []).length ? ' (' + f.subscriptionIds.join(', ') + ')' : '';
  }

  function findingList(findings, field, t) {
    return el('ul', {}, ...findings.map((f) => el('li', {}, field === 'remediation'
      ? (f.remediation || '')
      : el('span', {}, el('strong', {}, f.code), findingDetail(f, t), f.message ? ': ' + f.message : ''))));
  }

  function drawTransfers(answer) {
    fill($('transfers').tBodies[0], answer.items.map((t) => el('tr', {'data-transfer': t.transferId},
      el('td', {}, tenantLink(t.customerTenantId)),
      el('td', {}, t.transferId),
      el('td', {class: 'decision ' + t.decision}, t.decision),
      el('td', {class: 'findings'}, findingList(blocking(t), 'message', t)),
      el('td', {class: 'remediation'}, findingList(blocking(t), 'remediation')))), 5, 'no open transfers');
  }

  // what each list was last drawn from: a list is redrawn only when it changed (no flicker, selections stay)
  const drawn = {};

  function draw(name, answer, painter) {
    const signature = JSON.stringify(answer.items);
    if (drawn[name] !== signature) {
      painter(answer);
      drawn[name] = signature;
    }
  }

  async function refreshOverview() {
    const [tenants, deadlines, transfers] = await Promise.all([
      call('/tenants?sort=headroom&limit=50'), call('/deadlines?days=14'), call('/transfers')]);
    draw('tenants', tenants, drawTenants);
    draw('deadlines', deadlines, drawDeadlines);
    draw('transfers', transfers, drawTransfers);
    return [tenants, deadlines, transfers];
  }

  async function refreshTenant(id) {
    const enc = encodeURIComponent(id);
    const [tenant, timers, transfers] = await Promise.all([
      call('/tenants/' + enc), call('/tenants/' + enc + '/timers'), call('/tenants/' + enc + '/transfers')]);
    $('tenant-id').textContent = id;
    $('tenant-summary').textContent = tenant.countedSubscriptions + ' counted subscriptions, headroom ' + tenant.headroom
      + (tenant.countryCode ? ', country ' + tenant.countryCode : '');
    fill($('subscriptions').tBodies[0], (tenant.subscriptions || []).map((s) => el('tr', {'data-subscription': s.id},
      el('td', {}, s.id), el('td', {}, s.offerId), el('td', {}, s.status), el('td', {}, s.commitmentEndDate || ''),
      el('td', {}, s.autoRenewEnabled ? 'on' : 'off'), el('td', {}, s.partnerTenantId || ''))), 6, 'no subscriptions');
    fill($('timers').tBodies[0], timers.map((t) => el('tr', {},
      el('td', {}, time(t.dueAt)), el('td', {}, t.timerType), el('td', {}, t.subscriptionId))), 3, 'no pending timers');
    fill($('tenant-transfers').tBodies[0], transfers.map((t) => {
      const d = t.lastDecision || {findings: []};
      return el('tr', {'data-transfer': t.transferId},
        el('td', {}, t.transferId), el('td', {class: 'num'}, d.revision || ''),
        el('td', {class: 'decision ' + d.decision}, d.decision || ''),
        el('td', {}, findingList(d.findings || [], 'message', d)),
        el('td', {}, findingList(d.findings || [], 'remediation')),
        el('td', {class: 'history'}, el('ol', {}, ...(t.history || []).map((h) => el('li', {'data-revision': h.revision},
          'r' + h.revision + ' ' + h.decision + ' ' + time(h.evaluatedAt)
          + (h.findings.length ? ' (' + h.findings.join(', ') + ')' : ''))))));
    }), 6, 'no open transfers');
    return []; // answered from the facts on the owning instance: no view behind it
  }

  function route() {
    const m = location.hash.match(/^#tenant\/(.+)$/);
    return m ? decodeURIComponent(m[1]) : null;
  }

  async function refresh() {
    if (!token()) { showSignIn(); return; }
    const tenant = route();
    $('overview').hidden = tenant !== null;
    $('tenant-page').hidden = tenant === null;
    try {
      const answers = tenant === null ? await refreshOverview() : await refreshTenant(tenant);
      const built = answers.map((a) => a.generatedAt).filter(Boolean).sort()[0];
      const partial = answers.some((a) => a.instancesAnswered < a.instances);
      $('refreshed').textContent = 'refreshed ' + new Date().toLocaleTimeString();
      $('refreshed').setAttribute('data-at', new Date().toISOString());
      $('built').textContent = (built ? 'views built ' + time(built) : '') + (partial ? ' · some instance did not answer' : '');
      $('error').hidden = true;
    } catch (e) {
      $('error').textContent = e.message;
      $('error').hidden = false;
      if (e instanceof Unauthorized) { sessionStorage.removeItem(TOKEN_KEY); showSignIn(); }
    }
  }

  function showSignIn() {
    stop();
    $('sign-in').hidden = false;
    $('overview').hidden = true;
    $('tenant-page').hidden = true;
    $('sign-out').hidden = true;
  }

  function start() {
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    stop();
    refresh();
    timer = setInterval(refresh, REFRESH_MS);
  }

  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
  }

  $('sign-in-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    $('token').value = '';
    start();
  });
  $('sign-out').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); showSignIn(); });
  window.addEventListener('hashchange', refresh);
  if (token()) start(); else showSignIn();
})();
