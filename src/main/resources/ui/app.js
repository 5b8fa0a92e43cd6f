// The operations page: what to act on first, from the JSON endpoints, with the token of this
// browser session. No framework, no inline code (the page runs under a strict Content-Security-Policy).
(function () {
  'use strict';
  const REFRESH_MS = 3000;
  const TOKEN_KEY = 'guard.token';
  const HOUR = 3600e3;
  const DAY = 24 * HOUR;
  const DUE_SOON_MS = 72 * HOUR;        // "repurchase deadlines within 72 h" in the act-first strip
  const ATTENTION_MS = 7 * DAY;         // deadlines shown by default: act by within a week
  const NEAR_MAXIMUM = 10;              // "tenants within 10 of the maximum"
  const EARLY_HOUR = 6;                 // a deadline before 06:00 local time leaves the day before as the last day to act
  const PAGE_SIZE = 25;
  const TIMERS_SHOWN = 50;
  const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- small DOM helpers

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v; else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /**
   * Replaces the content of {@code target} with what {@code build} makes, but only when the model it
   * is made from changed: an unchanged table is not redrawn (no flicker, selections stay). Focus on
   * an element with a data-key inside it moves to its successor.
   */
  const drawn = new Map();
  function render(target, model, build) {
    const signature = JSON.stringify(model);
    if (drawn.get(target.id) === signature) return false;
    const focused = document.activeElement;
    const key = focused && target.contains(focused) ? focused.getAttribute('data-key') : null;
    target.replaceChildren(...[].concat(build(model)));
    drawn.set(target.id, signature);
    if (key) {
      const again = target.querySelector('[data-key="' + CSS.escape(key) + '"]');
      if (again) again.focus();
    }
    return true;
  }

  function forget(...ids) { ids.forEach((id) => drawn.delete(id)); }

  // ---------------------------------------------------------------- dates

  const dateFormat = new Intl.DateTimeFormat('en-GB', {weekday: 'short', day: 'numeric', month: 'short',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE});
  const dayFormat = new Intl.DateTimeFormat('en-GB', {weekday: 'long', day: 'numeric', month: 'long', timeZone: ZONE});
  const clockFormat = new Intl.DateTimeFormat('en-GB', {hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23', timeZone: ZONE});
  const dayKeyFormat = new Intl.DateTimeFormat('en-CA', {year: 'numeric', month: '2-digit', day: '2-digit', timeZone: ZONE});
  const hourFormat = new Intl.DateTimeFormat('en-GB', {hour: 'numeric', hourCycle: 'h23', timeZone: ZONE});

  const utc = (ms) => new Date(ms).toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');

  /** "in 19 h", "in 3 d", "40 min ago": the first thing a reader needs of a deadline. */
  function relative(ms, now) {
    const d = ms - now;
    const a = Math.abs(d);
    let text;
    if (a < 60e3) text = 'less than a minute';
    else if (a < HOUR) text = Math.round(a / 60e3) + ' min';
    else if (a < 72 * HOUR) text = Math.round(a / HOUR) + ' h'; // hours while the act-first strip counts it
    else text = Math.round(a / DAY) + ' d';
    return d >= 0 ? 'in ' + text : text + ' ago';
  }

  /** A date in the browser's zone, with the UTC instant on hover. */
  const when = (ms) => el('time', {datetime: new Date(ms).toISOString(), title: utc(ms)}, dateFormat.format(ms));

  /**
   * The last day to act on a deadline, in the browser's zone: its own day, or the day before when it
   * falls in the small hours (a repurchase deadline at 00:00 UTC is 01:00 in Berlin: Sunday was the last day).
   */
  function lastDay(ms) {
    const hour = Number(hourFormat.format(ms));
    return dayKeyFormat.format(hour < EARLY_HOUR ? ms - (hour + 1) * HOUR : ms);
  }

  const dayTitle = (key) => dayFormat.format(new Date(key + 'T12:00:00Z'));

  // ---------------------------------------------------------------- session (token for every tab of this browser session)

  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('guard-session') : null;
  const token = () => sessionStorage.getItem(TOKEN_KEY);

  function claims(t) {
    try {
      const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part + '==='.slice((part.length + 3) % 4)), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return {};
    }
  }

  function showWho() {
    const c = claims(token() || '');
    const name = c.name || c.preferred_username || c.upn || c.email || c.sub || 'unknown user';
    const roles = [].concat(c.roles || []);
    const scope = roles.includes('guard-admin') ? 'admin, every tenant' : c.tid ? 'partner ' + c.tid : 'no partner';
    const who = $('who');
    who.replaceChildren('Signed in as ', el('strong', {}, name), ' (' + scope + ')',
      c.exp ? el('span', {class: 'expires'}, ' · token expires ', when(c.exp * 1000)) : null);
    who.hidden = false;
  }

  class Unauthorized extends Error {}
  class Unreachable extends Error {}
  class NotFound extends Error {}
  class Moving extends Error {}

  async function call(path) {
    let answer;
    try {
      answer = await fetch(path, {headers: {'Authorization': 'Bearer ' + token(), 'Accept': 'application/json'},
        cache: 'no-store'});
    } catch (e) {
      throw new Unreachable('the service does not answer');
    }
    if (answer.status === 401) throw new Unauthorized('The token was refused (401): sign in again.');
    if (answer.status === 404) throw new NotFound(path);
    if (answer.status === 503) throw new Moving('the tenant is moving between instances (rebalancing)');
    if (answer.status >= 500) throw new Unreachable('the service answered ' + answer.status);
    if (!answer.ok) {
      let message = answer.statusText;
      try { message = (await answer.json()).message || message; } catch (e) { /* not JSON */ }
      throw new Error(path + ': ' + answer.status + ' ' + message);
    }
    return answer.json();
  }

  // ---------------------------------------------------------------- names and ids

  const names = new Map(); // customer tenant id -> customer name, from the tenant list
  const shortId = (id) => id && id.length > 13 ? id.substring(0, 8) + '…' : id;
  const tenantName = (id) => names.get(id) || 'Tenant ' + shortId(id);

  /** A tenant: its customer's name as the link, the id on hover and in full, selectable with one click. */
  function tenantCell(id) {
    return el('span', {class: 'named'},
      el('a', {href: '#tenant/' + encodeURIComponent(id), class: 'tenant-link', title: 'tenant id ' + id, 'data-key': 'tenant:' + id},
        tenantName(id)),
      el('code', {class: 'id', title: 'tenant id (click to select, then copy)'}, id));
  }

  const offerCell = (name, id) => el('span', {class: 'offer', title: 'offer id ' + id}, name || id);
  const subscriptionId = (id) => el('code', {class: 'id', title: 'subscription id (click to select, then copy)'}, id);

  function matches(query, ...fields) {
    if (!query) return true;
    const q = query.toLowerCase();
    return fields.some((f) => f && String(f).toLowerCase().includes(q));
  }

  // ---------------------------------------------------------------- the overview

  const filters = () => ({query: $('search').value.trim(), all: $('show-all').checked, kind: $('kind').value});

  /** One line per subscription: its grace and repurchase timers are one deadline, act by the repurchase deadline. */
  function foldDeadlines(items) {
    const bySubscription = new Map();
    for (const d of items) {
      const key = d.customerTenantId + '|' + d.subscriptionId;
      let f = bySubscription.get(key);
      if (!f) {
        f = {key, tenant: d.customerTenantId, subscription: d.subscriptionId, offerId: d.offerId, offerName: d.offerName,
          termEnd: Date.parse(d.termEnd), status: d.status, autoRenew: d.autoRenewEnabled, timers: {}};
        bySubscription.set(key, f);
      }
      f.timers[d.timerType] = Date.parse(d.dueAt);
      const actBy = Date.parse(d.actBy || d.dueAt);
      const kind = d.timerType === 'TERM_ENDING' ? 'term' : 'repurchase';
      if (kind === 'repurchase') f.repurchaseBy = actBy;
      if (f.actBy === undefined || actBy < f.actBy) { f.actBy = actBy; f.kind = kind; }
    }
    return [...bySubscription.values()].sort((a, b) => a.actBy - b.actBy || a.key.localeCompare(b.key));
  }

  function counts(model) {
    const now = Date.now();
    return {
      blocked: model.transfers.items.filter((t) => t.decision === 'BLOCKED').length,
      due: model.deadlines.filter((d) => d.repurchaseBy !== undefined && d.repurchaseBy - now <= DUE_SOON_MS).length,
      nearMax: model.tenants.items.filter((t) => t.roomToMaximum <= NEAR_MAXIMUM).length,
      above: model.tenants.items.filter((t) => t.countedSubscriptions > t.duplicationThreshold).length,
    };
  }

  function drawCounts(model, complete) {
    const c = counts(model);
    const more = complete ? '' : '+';
    const set = (id, n, label) => {
      const a = $(id);
      a.querySelector('.n').textContent = n + (n ? more : '');
      a.classList.toggle('hot', n > 0);
      a.title = complete ? label : label + ': the answer is incomplete, there may be more';
    };
    set('count-blocked', c.blocked, 'blocked transfers');
    set('count-due', c.due, 'repurchase deadlines within 72 hours');
    set('count-near-max', c.nearMax, 'tenants within 10 of the maximum');
    set('count-above', c.above, 'tenants above the threshold');
    $('count-above').querySelector('.what').textContent = 'tenants above ' + (model.tenants.items[0]?.duplicationThreshold ?? 150);
    const parts = [];
    if (c.blocked) parts.push(c.blocked + more + ' blocked');
    if (c.due) parts.push(c.due + more + ' due < 72 h');
    if (c.nearMax) parts.push(c.nearMax + more + ' near max');
    if (c.above) parts.push(c.above + more + ' > ' + (model.tenants.items[0]?.duplicationThreshold ?? 150));
    return parts;
  }

  function findingLine(f, t) {
    let detail = '';
    if (f.code === 'TENANT_LIMIT_EXCEEDED' && t) {
      detail = ': ' + t.countedSubscriptions + ' counted + duplicates = ' + t.projectedSubscriptions
        + ', above the maximum of ' + t.tenantMaximum;
    } else if ((f.subscriptionIds || []).length) {
      detail = ' (' + f.subscriptionIds.length + ' subscription' + (f.subscriptionIds.length > 1 ? 's' : '') + ')';
    }
    return el('li', {class: 'finding ' + f.severity, title: (f.subscriptionIds || []).join(', ') || null},
      el('span', {class: 'badge ' + f.severity}, f.severity.toLowerCase()), ' ', el('strong', {}, f.code), detail,
      f.message ? ': ' + f.message : '');
  }

  function drawTransfers(model, f) {
    const shown = model.transfers.items.filter((t) => (f.all || t.decision === 'BLOCKED')
      && matches(f.query, t.customerTenantId, names.get(t.customerTenantId), t.transferId,
        ...(t.findings || []).map((x) => x.code)));
    const hidden = model.transfers.items.length - shown.length;
    $('blocked-title').textContent = f.all ? 'Open transfers' : 'Blocked transfers';
    const rows = shown.map((t) => ({id: t.transferId, tenant: t.customerTenantId, name: names.get(t.customerTenantId) || '',
      decision: t.decision, method: t.method, findings: (t.findings || []).filter((x) => f.all || x.severity === 'BLOCKING'),
      counted: t.countedSubscriptions, projected: t.projectedSubscriptions, maximum: t.tenantMaximum}));
    $('blocked-summary').textContent = shown.length ? '' : (hidden
      ? 'No blocked transfer' + (f.query ? ' matches' : '') + '; ' + hidden + ' other open transfer' + (hidden > 1 ? 's' : '') + ' (show everything to see them).'
      : 'No ' + (f.all ? 'open' : 'blocked') + ' transfers' + (f.query ? ' match' : '') + '.');
    render($('blocked-body'), rows, (rs) => rs.length ? el('table', {id: 'transfers'},
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Customer'), el('th', {scope: 'col'}, 'Transfer'),
        el('th', {scope: 'col'}, 'Decision'), el('th', {scope: 'col'}, 'Findings'), el('th', {scope: 'col'}, 'What to do'))),
      el('tbody', {}, rs.map((t) => el('tr', {'data-transfer': t.id, 'data-tenant': t.tenant},
        el('td', {'data-label': 'Customer'}, tenantCell(t.tenant)),
        el('td', {'data-label': 'Transfer'}, el('code', {}, t.id), el('br'), el('span', {class: 'muted'}, (t.method || '').toLowerCase().replaceAll('_', ' '))),
        el('td', {'data-label': 'Decision', class: 'decision'}, el('span', {class: 'badge ' + t.decision}, (t.decision || 'not evaluated').replaceAll('_', ' ').toLowerCase())),
        el('td', {'data-label': 'Findings', class: 'findings'}, el('ul', {}, t.findings.map((x) => findingLine(x, {
          countedSubscriptions: t.counted, projectedSubscriptions: t.projected, tenantMaximum: t.maximum})))),
        el('td', {'data-label': 'What to do', class: 'remediation'}, el('ul', {}, t.findings.filter((x) => x.remediation)
          .map((x) => el('li', {}, x.remediation)))))))) : []);
  }

  function deadlineLine(d, now) {
    const isTerm = d.kind === 'term';
    const details = [];
    if (isTerm) {
      details.push(el('span', {}, 'term ends ', when(d.termEnd)), ' · autorenew ' + (d.autoRenew ? 'on' : 'off'));
      if (d.repurchaseBy !== undefined) details.push(' · if it lapses, repurchase by ', when(d.repurchaseBy));
    } else {
      details.push(el('span', {}, 'term ended ', when(d.termEnd)));
      if (d.timers.GRACE_PERIOD_ENDING !== undefined) details.push(' · grace period ends ', relative(d.timers.GRACE_PERIOD_ENDING, now));
      details.push(' · ' + d.status);
    }
    return el('li', {class: 'deadline', 'data-subscription': d.subscription, 'data-tenant': d.tenant, 'data-kind': d.kind,
      'data-deadline': isTerm ? 'TERM_ENDING' : 'REPURCHASE_DEADLINE'},
      el('span', {class: 'badge ' + (isTerm ? 'TERM_ENDING' : 'REPURCHASE_DEADLINE')}, isTerm ? 'term ends' : 'repurchase deadline'),
      ' ', offerCell(d.offerName, d.offerId), ' ',
      el('span', {class: 'act-by'}, 'act by ', el('strong', {class: 'relative'}, relative(d.actBy, now)), ' · ', when(d.actBy)),
      el('span', {class: 'details'}, details, ' · ', subscriptionId(d.subscription)));
  }

  function drawDeadlines(model, f) {
    const now = Date.now();
    const all = model.deadlines;
    const shown = all.filter((d) => (f.all || d.actBy - now <= ATTENTION_MS) && (!f.kind || d.kind === f.kind)
      && matches(f.query, d.tenant, names.get(d.tenant), d.subscription, d.offerId, d.offerName));
    $('deadlines-summary').textContent = 'Act-by times in ' + ZONE + ' (UTC on hover). '
      + (shown.length === all.length ? all.length + ' subscription' + (all.length === 1 ? '' : 's')
        : shown.length + ' of ' + all.length + ' subscriptions')
      + (f.all ? ' with a deadline in the next 14 days.' : ' to act on within 7 days.');
    // by the last day to act, then by customer
    const days = new Map();
    for (const d of shown) {
      const day = lastDay(d.actBy);
      if (!days.has(day)) days.set(day, new Map());
      const tenants = days.get(day);
      if (!tenants.has(d.tenant)) tenants.set(d.tenant, []);
      tenants.get(d.tenant).push(d);
    }
    // the model includes every text that can change with the clock, so a minute passing redraws, nothing else does
    const groups = [...days.entries()].map(([day, tenants]) => ({day, tenants: [...tenants.entries()].map(([tenant, ds]) => ({
      tenant, name: names.get(tenant) || '', items: ds.map((d) => ({...d, rel: relative(d.actBy, now),
        grace: d.timers.GRACE_PERIOD_ENDING !== undefined ? relative(d.timers.GRACE_PERIOD_ENDING, now) : null}))}))}));
    render($('deadlines-body'), groups, (gs) => gs.length ? gs.map((g) => el('div', {class: 'day', 'data-day': g.day},
      el('h3', {}, dayTitle(g.day), el('span', {class: 'muted'}, ' · last day to act')),
      g.tenants.map((t) => el('div', {class: 'tenant-group', 'data-tenant': t.tenant},
        el('h4', {}, tenantCell(t.tenant)),
        el('ul', {class: 'deadline-list'}, t.items.map((d) => deadlineLine(d, now)))))))
      : [el('p', {class: 'empty'}, all.length ? 'No deadline within 7 days matches (show everything for all).' : 'No deadlines in the next 14 days.')]);
  }

  function tenantBar(t) {
    const max = t.tenantMaximum;
    const level = t.roomToMaximum <= NEAR_MAXIMUM ? 'near-max' : t.countedSubscriptions > t.duplicationThreshold ? 'above' : 'ok';
    const fill = el('span', {class: 'fill ' + level});
    fill.style.width = Math.max(0, Math.min(100, t.countedSubscriptions * 100 / max)) + '%';
    const tick = el('span', {class: 'tick'});
    tick.style.left = (t.duplicationThreshold * 100 / max) + '%';
    const label = t.roomToMaximum <= 0 ? 'at or above the maximum'
      : t.roomToMaximum + ' to the maximum of ' + max;
    return el('div', {class: 'meter'},
      el('span', {class: 'bar', 'aria-hidden': 'true'}, fill, tick),
      el('span', {class: 'bar-text ' + level}, t.countedSubscriptions + ' of ' + max + ' · ' + label
        + (t.headroom < 0 ? ' · ' + (-t.headroom) + ' above ' + t.duplicationThreshold : ' · ' + t.headroom + ' below ' + t.duplicationThreshold)));
  }

  function drawTenants(model, f) {
    const items = [...model.tenants.items].sort((a, b) => a.roomToMaximum - b.roomToMaximum
      || a.customerTenantId.localeCompare(b.customerTenantId));
    const shown = items.filter((t) => (f.all || t.countedSubscriptions > t.duplicationThreshold || t.roomToMaximum <= NEAR_MAXIMUM)
      && matches(f.query, t.customerTenantId, t.customerName));
    $('tenants-summary').textContent = (f.all ? shown.length + ' tenants, nearest the maximum first.'
      : shown.length + ' tenant' + (shown.length === 1 ? '' : 's') + ' above the threshold or near the maximum, nearest the maximum first.')
      + ' Above the threshold a tenant can no longer be moved whole by duplication; at the maximum nothing more can be bought.';
    render($('tenants-body'), shown, (ts) => ts.length ? el('table', {id: 'tenant-table'},
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Customer'), el('th', {scope: 'col', class: 'num'}, 'Counted'),
        el('th', {scope: 'col', class: 'num'}, 'Room to maximum'), el('th', {scope: 'col', class: 'barcol'}, 'Against threshold and maximum'))),
      el('tbody', {}, ts.map((t) => el('tr', {'data-tenant': t.customerTenantId},
        el('td', {'data-label': 'Customer'}, tenantCell(t.customerTenantId)),
        el('td', {'data-label': 'Counted', class: 'num counted'}, t.countedSubscriptions),
        el('td', {'data-label': 'Room to maximum', class: 'num room'}, t.roomToMaximum),
        el('td', {'data-label': 'Against limits'}, tenantBar(t))))))
      : [el('p', {class: 'empty'}, 'No tenant above the threshold or near the maximum' + (f.query ? ' matches' : '') + '.')]);
  }

  let overview = null; // the last answers, kept to redraw on a filter change without asking again

  function drawOverview() {
    if (!overview) return;
    const f = filters();
    drawTransfers(overview, f);
    drawDeadlines(overview, f);
    drawTenants(overview, f);
  }

  async function refreshOverview() {
    const [tenants, deadlines, transfers] = await Promise.all([
      call('/tenants?sort=headroom&limit=1000'), call('/deadlines'), call('/transfers')]);
    for (const t of tenants.items) if (t.customerName) names.set(t.customerTenantId, t.customerName);
    overview = {tenants, transfers, deadlines: foldDeadlines(deadlines.items), answers: [tenants, deadlines, transfers]};
    drawOverview();
    return overview.answers;
  }

  // ---------------------------------------------------------------- a tenant's page

  const tenantState = {id: null, sort: 'due', dir: 1, page: 0, data: null};

  const ACTION_TIMERS = ['TERM_ENDING', 'TERM_ENDED', 'GRACE_PERIOD_ENDING', 'REPURCHASE_DEADLINE'];

  /** Why a subscription needs action now, and by when; null when it does not. */
  function needsAction(s, timers, named) {
    const reasons = [];
    const mine = timers.filter((t) => t.subscriptionId === s.id);
    const due = (type) => mine.find((t) => t.timerType === type);
    let by;
    if (named.has(s.id)) reasons.push('named in a transfer finding');
    if (due('REPURCHASE_DEADLINE') && s.status === 'expired') {
      reasons.push('expired: repurchase');
      by = Date.parse(due('REPURCHASE_DEADLINE').dueAt);
    } else if (!s.autoRenewEnabled && ['active', 'pending', 'suspended'].includes(s.status) && (due('TERM_ENDED') || due('TERM_ENDING'))) {
      reasons.push('autorenew off: term ends');
      const end = due('TERM_ENDED');
      by = end ? Date.parse(end.dueAt) : undefined;
    }
    if (s.status === 'suspended') reasons.push('suspended');
    return reasons.length ? {reasons, by} : null;
  }

  const SORTS = {
    due: (a, b) => (a.by ?? Infinity) - (b.by ?? Infinity),
    offer: (a, b) => (a.offerName || a.offerId).localeCompare(b.offerName || b.offerId),
    status: (a, b) => a.status.localeCompare(b.status),
    end: (a, b) => (a.commitmentEndDate || '').localeCompare(b.commitmentEndDate || ''),
    autorenew: (a, b) => Number(a.autoRenewEnabled) - Number(b.autoRenewEnabled),
  };

  function sortHeader(key, label) {
    const active = tenantState.sort === key;
    return el('th', {scope: 'col', 'aria-sort': active ? (tenantState.dir > 0 ? 'ascending' : 'descending') : 'none'},
      el('button', {type: 'button', class: 'sort', 'data-sort': key, 'data-key': 'sort:' + key},
        label, active ? (tenantState.dir > 0 ? ' ▲' : ' ▼') : ''));
  }

  function drawTenantPage() {
    const data = tenantState.data;
    if (!data) return;
    const {tenant, timers, transfers} = data;
    const now = Date.now();
    const name = tenant.customerName || names.get(tenantState.id);
    $('tenant-title').replaceChildren(name || 'Tenant', ' ', el('code', {class: 'id', title: 'tenant id (click to select, then copy)'}, tenantState.id));
    document.title = (name || 'Tenant ' + shortId(tenantState.id)) + ' · CSP Transfer Guard';

    const byStatus = tenant.byStatus || {};
    render($('t-status'), {byStatus, c: tenant.countedSubscriptions, h: tenant.headroom, th: tenant.duplicationThreshold, m: tenant.tenantMaximum},
      (m) => [el('ul', {class: 'chips', id: 'status-counts'}, Object.entries(m.byStatus).sort().map(([s, n]) => el('li', {'data-status': s}, el('strong', {}, n), ' ' + s))),
        tenantBar({countedSubscriptions: m.c, headroom: m.h, duplicationThreshold: m.th, tenantMaximum: m.m, roomToMaximum: m.m - m.c})]);

    // open transfers first: blocked, then with warnings; each with every finding and what to do
    const order = {BLOCKED: 0, ALLOWED_WITH_WARNINGS: 1, ALLOWED: 2};
    const ts = [...transfers].sort((a, b) => (order[a.lastDecision?.decision] ?? 3) - (order[b.lastDecision?.decision] ?? 3)
      || a.transferId.localeCompare(b.transferId));
    render($('t-transfers-body'), ts, (list) => list.length ? el('table', {id: 'tenant-transfers'},
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Transfer'), el('th', {scope: 'col'}, 'Decision'),
        el('th', {scope: 'col'}, 'Findings'), el('th', {scope: 'col'}, 'What to do'))),
      el('tbody', {}, list.map((t) => {
        const d = t.lastDecision || {findings: []};
        return el('tr', {'data-transfer': t.transferId},
          el('td', {'data-label': 'Transfer'}, el('code', {}, t.transferId), el('br'),
            el('span', {class: 'muted'}, (t.method || '').toLowerCase().replaceAll('_', ' ') + ', requested '), when(Date.parse(t.requestedAt))),
          el('td', {'data-label': 'Decision', class: 'decision'}, el('span', {class: 'badge ' + d.decision}, (d.decision || 'not evaluated').replaceAll('_', ' ').toLowerCase()),
            el('details', {class: 'history'}, el('summary', {}, 'revision ' + (d.revision || '–') + ', history'),
              el('ol', {}, (t.history || []).map((h) => el('li', {'data-revision': h.revision},
                'r' + h.revision + ' ' + h.decision + ' ', when(Date.parse(h.evaluatedAt)), h.findings.length ? ' (' + h.findings.join(', ') + ')' : ''))))),
          el('td', {'data-label': 'Findings', class: 'findings'}, el('ul', {}, (d.findings || []).map((f) => findingLine(f, d)))),
          el('td', {'data-label': 'What to do', class: 'remediation'}, el('ul', {}, (d.findings || []).filter((f) => f.remediation).map((f) => el('li', {}, f.remediation)))));
      }))) : [el('p', {class: 'empty'}, 'No open transfers.')]);

    // subscriptions: those that need action unless "all"; filtered, sorted, paged
    const named = new Set();
    for (const t of transfers) for (const f of (t.lastDecision?.findings || [])) for (const id of (f.subscriptionIds || [])) named.add(id);
    const query = $('t-search').value.trim();
    const all = $('t-all').checked;
    const rows = (tenant.subscriptions || []).map((s) => ({...s, action: needsAction(s, timers, named)}))
      .map((s) => ({...s, by: s.action?.by}))
      .filter((s) => (all || s.action) && matches(query, s.id, s.offerId, s.offerName, s.status));
    rows.sort((a, b) => tenantState.dir * (SORTS[tenantState.sort](a, b)) || a.id.localeCompare(b.id));
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    tenantState.page = Math.min(tenantState.page, pages - 1);
    const page = rows.slice(tenantState.page * PAGE_SIZE, (tenantState.page + 1) * PAGE_SIZE);
    const total = (tenant.subscriptions || []).length;
    $('t-subscriptions-title').textContent = all ? 'Subscriptions' : 'Subscriptions that need action';
    $('t-subscriptions-summary').textContent = rows.length + ' of ' + total + ' subscriptions'
      + (all ? '' : ' need action (expired and not repurchased, autorenew off, suspended, or named in a transfer finding)') + '.';
    $('t-page').textContent = 'page ' + (tenantState.page + 1) + ' of ' + pages;
    $('t-prev').disabled = tenantState.page === 0;
    $('t-next').disabled = tenantState.page >= pages - 1;
    $('t-pages').hidden = pages < 2;
    const model = {sort: tenantState.sort, dir: tenantState.dir, rows: page.map((s) => ({id: s.id, offerId: s.offerId, offerName: s.offerName,
      status: s.status, end: s.commitmentEndDate, auto: s.autoRenewEnabled, partner: s.partnerTenantId,
      why: s.action ? s.action.reasons.join('; ') : '', by: s.by, rel: s.by !== undefined ? relative(s.by, now) : ''}))};
    render($('t-subscriptions-body'), model, (m) => el('table', {id: 'subscriptions'},
      el('thead', {}, el('tr', {}, sortHeader('offer', 'Offer'), sortHeader('status', 'Status'), sortHeader('due', 'Act by'),
        sortHeader('end', 'End of term'), sortHeader('autorenew', 'Autorenew'), el('th', {scope: 'col'}, 'Why'))),
      el('tbody', {}, m.rows.length ? m.rows.map((s) => el('tr', {'data-subscription': s.id},
        el('td', {'data-label': 'Offer'}, offerCell(s.offerName, s.offerId), el('br'), subscriptionId(s.id)),
        el('td', {'data-label': 'Status'}, s.status),
        el('td', {'data-label': 'Act by'}, s.by !== undefined ? [el('strong', {}, s.rel), ' · ', when(s.by)] : '–'),
        el('td', {'data-label': 'End of term'}, s.end || ''),
        el('td', {'data-label': 'Autorenew'}, s.auto ? 'on' : 'off'),
        el('td', {'data-label': 'Why'}, s.why)))
        : [el('tr', {}, el('td', {colspan: 6, class: 'empty'}, 'No subscription ' + (all ? 'matches.' : 'needs action.')))])));

    // timers folded by type: a count and the soonest, the list on demand
    const byType = new Map();
    for (const t of timers) {
      if (!byType.has(t.timerType)) byType.set(t.timerType, []);
      byType.get(t.timerType).push(t);
    }
    const folded = ACTION_TIMERS.filter((k) => byType.has(k)).concat([...byType.keys()].filter((k) => !ACTION_TIMERS.includes(k)))
      .map((type) => ({type, n: byType.get(type).length, soonest: Date.parse(byType.get(type)[0].dueAt),
        rel: relative(Date.parse(byType.get(type)[0].dueAt), now),
        items: byType.get(type).slice(0, TIMERS_SHOWN).map((t) => [t.subscriptionId, t.dueAt])}));
    const open = new Set([...$('t-timers-body').querySelectorAll('details[open]')].map((d) => d.getAttribute('data-type')));
    render($('t-timers-body'), folded, (fs) => fs.length ? el('div', {id: 'timers'}, fs.map((g) => el('details', {'data-type': g.type, open: open.has(g.type)},
      el('summary', {}, el('span', {class: 'badge ' + g.type}, g.type.replaceAll('_', ' ').toLowerCase()), ' ' + g.n + ' pending, the first ' + g.rel + ' (', when(g.soonest), ')'),
      el('ul', {}, g.items.map(([sub, due]) => el('li', {}, when(Date.parse(due)), ' · ', subscriptionId(sub)))),
      g.n > g.items.length ? el('p', {class: 'muted'}, 'and ' + (g.n - g.items.length) + ' more') : null)))
      : [el('p', {class: 'empty'}, 'No pending timers.')]);
  }

  function clearTenantPage(id) {
    tenantState.id = id;
    tenantState.data = null;
    tenantState.page = 0;
    for (const target of ['t-status', 't-transfers-body', 't-subscriptions-body', 't-timers-body']) {
      $(target).replaceChildren();
      forget(target);
    }
    $('tenant-title').textContent = 'Tenant ' + id;
    $('t-subscriptions-summary').textContent = 'Loading…';
    $('tenant-missing').hidden = true;
    $('tenant-content').hidden = false;
  }

  async function refreshTenant(id) {
    if (tenantState.id !== id) clearTenantPage(id);
    const enc = encodeURIComponent(id);
    try {
      const [tenant, timers, transfers] = await Promise.all([
        call('/tenants/' + enc), call('/tenants/' + enc + '/timers'), call('/tenants/' + enc + '/transfers')]);
      if (tenantState.id !== id) return null; // the reader moved on meanwhile
      tenantState.data = {tenant, timers, transfers};
      $('tenant-missing').hidden = true;
      $('tenant-content').hidden = false;
      drawTenantPage();
    } catch (e) {
      if (!(e instanceof NotFound)) throw e;
      // never the previous tenant's data under this message
      clearTenantPage(id);
      $('tenant-content').hidden = true;
      $('tenant-missing').hidden = false;
      $('tenant-missing').textContent = 'There is no tenant ' + id + ', or your token may not see it.';
    }
    return null; // answered from the facts on the owning instance: nothing partial about it
  }

  // ---------------------------------------------------------------- refresh, freshness, routing

  function route() {
    const m = location.hash.match(/^#tenant\/(.+)$/);
    return m ? decodeURIComponent(m[1]) : null;
  }

  const freshness = {lastAnswer: null, failing: false};

  function setFreshness(state, text) {
    const f = $('freshness');
    f.setAttribute('data-state', state);
    f.textContent = text;
    document.body.classList.toggle('stale', state === 'stale');
  }

  let pending = null;
  let refreshing = false;
  let again = false;

  function showRoute() {
    const tenant = route();
    $('overview').hidden = tenant !== null;
    $('tenant-page').hidden = tenant === null;
    $('skip-overview').hidden = tenant !== null;
    $('skip-tenant').hidden = tenant === null;
    return tenant;
  }

  async function refresh() {
    if (!token()) { showSignIn(); return; }
    if (refreshing) { again = true; return; } // one at a time; a route change meanwhile is served right after
    refreshing = true;
    const tenant = showRoute();
    try {
      const answers = tenant === null ? await refreshOverview() : await refreshTenant(tenant);
      freshness.lastAnswer = Date.now();
      const at = clockFormat.format(freshness.lastAnswer) + ' ' + ZONE;
      if (answers) {
        const complete = answers.every((a) => a.complete);
        const parts = drawCounts(overview, complete);
        if (complete) {
          setFreshness('live', 'Up to date · refreshed ' + at);
        } else {
          const a = answers.find((x) => !x.complete);
          const of = a.partitions ? ' (' + a.partitionsIncluded.length + ' of ' + a.partitions + ' partitions)' : '';
          setFreshness(a.partitionsIncluded.length ? 'incomplete' : 'loading',
            (a.partitionsIncluded.length ? 'Incomplete: the service is still starting or rebalancing' : 'Loading: the service is starting')
            + of + ' · refreshed ' + at);
        }
        document.title = (complete ? '' : '(incomplete) ') + (parts.length ? parts.join(' · ') : 'All clear') + ' · CSP Transfer Guard';
      } else {
        setFreshness('live', 'Up to date · refreshed ' + at);
      }
      $('error').hidden = true;
    } catch (e) {
      if (e instanceof Unauthorized) {
        sessionStorage.removeItem(TOKEN_KEY);
        showSignIn(e.message);
      } else if (e instanceof Moving) {
        setFreshness('incomplete', 'Incomplete: ' + e.message + '; retrying');
      } else if (e instanceof Unreachable) {
        const since = freshness.lastAnswer ? 'since ' + clockFormat.format(freshness.lastAnswer) + ' ' + ZONE : 'yet';
        setFreshness('stale', 'Stale: no answer from the service ' + since + '; retrying');
        if (!document.title.startsWith('(stale)')) document.title = '(stale) ' + document.title;
      } else {
        $('error').textContent = e.message;
        $('error').hidden = false;
      }
    } finally {
      refreshing = false;
      if (again) { again = false; refresh(); }
    }
  }

  function showSignIn(message) {
    stop();
    $('sign-in').hidden = false;
    $('overview').hidden = true;
    $('tenant-page').hidden = true;
    $('skip-overview').hidden = true;
    $('skip-tenant').hidden = true;
    $('sign-out').hidden = true;
    $('who').hidden = true;
    setFreshness('signed-out', 'Not signed in');
    document.title = 'Sign in · CSP Transfer Guard';
    if (message) { $('error').textContent = message; $('error').hidden = false; }
    $('token').focus();
  }

  function start() {
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    showWho();
    stop();
    setFreshness('loading', 'Loading…');
    refresh();
    pending = setInterval(refresh, REFRESH_MS);
  }

  function stop() {
    if (pending) { clearInterval(pending); pending = null; }
  }

  function signIn(value) {
    sessionStorage.setItem(TOKEN_KEY, value);
    $('error').hidden = true;
    start();
  }

  // ---------------------------------------------------------------- events

  $('sign-in-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return;
    $('token').value = '';
    signIn(value);
    if (channel) channel.postMessage({type: 'token', token: value});
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    if (channel) channel.postMessage({type: 'sign-out'});
    showSignIn();
  });
  // a skip link moves focus to its section, which stays where the reader left it at every refresh
  document.addEventListener('click', (ev) => {
    const link = ev.target.closest('[data-skip]');
    if (link) {
      ev.preventDefault();
      const target = $(link.getAttribute('data-skip'));
      target.scrollIntoView();
      target.focus();
    }
    const sort = ev.target.closest('button[data-sort]');
    if (sort) {
      const key = sort.getAttribute('data-sort');
      tenantState.dir = tenantState.sort === key ? -tenantState.dir : 1;
      tenantState.sort = key;
      drawTenantPage();
    }
  });
  for (const id of ['search', 'show-all', 'kind']) $(id).addEventListener('input', drawOverview);
  for (const id of ['t-search', 't-all']) $(id).addEventListener('input', () => { tenantState.page = 0; drawTenantPage(); });
  for (const form of ['filters', 't-filters']) $(form).addEventListener('submit', (ev) => ev.preventDefault());
  $('t-prev').addEventListener('click', () => { tenantState.page--; drawTenantPage(); });
  $('t-next').addEventListener('click', () => { tenantState.page++; drawTenantPage(); });
  window.addEventListener('hashchange', () => {
    const tenant = token() ? showRoute() : null;
    if (tenant !== null && tenantState.id !== tenant) clearTenantPage(tenant);
    refresh();
    if (tenant !== null) $('tenant-title').focus();
  });
  if (channel) {
    channel.addEventListener('message', (ev) => {
      const m = ev.data || {};
      if (m.type === 'ask' && token()) channel.postMessage({type: 'token', token: token()});
      else if (m.type === 'token' && m.token && !token()) signIn(m.token);
      else if (m.type === 'sign-out' && token()) { sessionStorage.removeItem(TOKEN_KEY); showSignIn(); }
    });
  }

  if (token()) {
    start();
  } else if (channel) {
    // a new tab asks the open ones for the session's token before asking the reader
    setFreshness('loading', 'Loading…');
    channel.postMessage({type: 'ask'});
    setTimeout(() => { if (!token()) showSignIn(); }, 400);
  } else {
    showSignIn();
  }
})();
