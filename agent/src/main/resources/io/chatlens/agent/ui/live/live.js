// ChatLens live page: reads /api/... of this endpoint and refreshes itself. Every value is put in the page as text
// (textContent), never as markup.
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var HOUR = 3600;
  var TOKEN_KEY = 'chatlens.token';
  var charts = {};
  var refreshes = 0;

  // --- the token (chatlens.prometheus.auth-token): from #token=..., or typed in; kept for this tab only -------------
  (function takeTokenFromFragment() {
    var match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
  })();

  function api(path) {
    var headers = {};
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    return fetch(path, {headers: headers, cache: 'no-store'}).then(function (response) {
      if (response.status === 401) {
        document.getElementById('token-form').hidden = false;
        throw new Error('the endpoint needs its token');
      }
      if (!response.ok) {
        throw new Error(path + ': HTTP ' + response.status);
      }
      return response.json();
    });
  }

  // --- DOM helpers: text only -------------------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
    return node;
  }

  function cell(row, text, className) {
    var td = el('td', className, text);
    row.appendChild(td);
    return td;
  }

  function num(value, digits) {
    if (value === null || value === undefined || !isFinite(value)) {
      return '–';
    }
    return Number(value).toLocaleString('en-US', {maximumFractionDigits: digits === undefined ? 1 : digits});
  }

  function unit(value, digits, suffix) {
    var text = num(value, digits);
    return text === '–' ? text : text + suffix;
  }

  function percent(value) {
    return value === null || value === undefined || !isFinite(value) ? '–' : num(value * 100, 2) + ' %';
  }

  function time(iso) {
    return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–';
  }

  function traceLink(parent, traceId, jaegerUrl) {
    if (!traceId) {
      parent.appendChild(el('span', 'empty', 'no trace'));
      return;
    }
    if (jaegerUrl && /^[0-9a-f]{16,32}$/.test(traceId)) {
      var link = el('a', 'mono', traceId);
      link.href = jaegerUrl + '/trace/' + traceId;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      parent.appendChild(link);
    } else {
      parent.appendChild(el('span', 'mono', traceId));
    }
  }

  // --- KPIs, alerts, health, usage ------------------------------------------------------------------------------
  var TILES = [
    ['requestsPerSecond', 'Requests/s', function (v) { return num(v, 2); }],
    ['errorRate', 'Error rate', percent],
    ['p50Ms', 'Response p50', function (v) { return unit(v, 1, ' ms'); }],
    ['p95Ms', 'Response p95', function (v) { return unit(v, 1, ' ms'); }],
    ['p99Ms', 'Response p99', function (v) { return unit(v, 1, ' ms'); }],
    ['activeSessions', 'Active sessions', function (v) { return num(v, 0); }],
    ['zeroResultRate', 'Zero-result rate', percent],
    ['answerAccuracy', 'Rated accuracy', percent],
    ['sessionDurationMeanSeconds', 'Session duration (mean)', function (v) { return unit(v, 1, ' s'); }],
    ['interactionsPerSessionMean', 'Interactions/session', function (v) { return num(v, 1); }],
    ['llmTokensPerTurn', 'LLM tokens/turn', function (v) { return num(v, 1); }],
    ['llmCostTotal', 'LLM cost (total)', function (v) { return num(v, 6); }],
    ['requestsTotal', 'Requests (total)', function (v) { return num(v, 0); }],
    ['failedRequestsTotal', 'Failed requests (total)', function (v) { return num(v, 0); }],
    ['errorsTotal', 'Errors (total)', function (v) { return num(v, 0); }],
    ['sessionsCreatedTotal', 'Sessions (total)', function (v) { return num(v, 0); }]
  ];

  function renderSummary(summary) {
    document.getElementById('service').textContent = summary.service || '';
    var tiles = clear(document.getElementById('kpis'));
    TILES.forEach(function (tile) {
      var value = summary.kpis[tile[0]];
      var node = el('div', 'tile');
      node.dataset.kpi = tile[0];
      node.dataset.value = value === null || value === undefined ? '' : String(value);
      node.appendChild(el('div', 'label', tile[1]));
      node.appendChild(el('div', 'value', tile[2](value)));
      tiles.appendChild(node);
    });
    var alerts = clear(document.getElementById('alerts'));
    alerts.appendChild(el('span', null, 'Alerts: '));
    if (!summary.alerts.length) {
      alerts.appendChild(el('span', 'empty', 'alerting is off'));
    }
    summary.alerts.forEach(function (alert) {
      var badge = el('span', 'badge ' + alert.state, alert.name + ': ' + alert.state);
      badge.title = alert.severity + (alert.since ? ', since ' + alert.since : '');
      badge.dataset.alert = alert.name;
      alerts.appendChild(badge);
    });
    var health = clear(document.querySelector('#health tbody'));
    summary.health.forEach(function (check) {
      var row = el('tr');
      row.dataset.check = check.check;
      row.dataset.state = check.state;
      cell(row, '').appendChild(el('span', 'badge ' + check.state, check.state));
      cell(row, check.check);
      cell(row, check.reason);
      health.appendChild(row);
    });
    renderUsage(summary.usage);
    var comparison = clear(document.getElementById('comparison'));
    var c = summary.comparison;
    comparison.appendChild(el('span', null, 'Mean p95 ' + num(c['latency.p95'].thisHour, 1) + ' ms this hour, '
      + num(c['latency.p95'].previousHour, 1) + ' ms the hour before; throughput ' + num(c.throughput.thisHour, 2)
      + ' req/s against ' + num(c.throughput.previousHour, 2) + ' req/s.'));
  }

  function renderUsage(usage) {
    var commands = clear(document.querySelector('#commands tbody'));
    if (!usage.commands.length) {
      commands.appendChild(emptyRow(4, 'no command parsed yet'));
    }
    usage.commands.forEach(function (command) {
      var row = el('tr');
      cell(row, command.command, 'mono');
      cell(row, num(command.count, 0), 'num');
      cell(row, num(command.invalid, 0), 'num');
      cell(row, percent(command.errorRate), 'num');
      commands.appendChild(row);
    });
    var searches = clear(document.querySelector('#searches tbody'));
    Object.keys(usage.searches).forEach(function (outcome) {
      var row = el('tr');
      cell(row, outcome);
      cell(row, num(usage.searches[outcome], 0), 'num');
      searches.appendChild(row);
    });
    var zero = clear(document.querySelector('#zero-queries tbody'));
    if (!usage.zeroResultQueries.length) {
      zero.appendChild(emptyRow(2, 'none'));
    }
    usage.zeroResultQueries.forEach(function (query) {
      var row = el('tr');
      cell(row, query.queryHash, 'mono');
      cell(row, num(query.count, 0), 'num');
      zero.appendChild(row);
    });
    bars('#session-durations tbody', usage.sessionDurations, function (upTo) { return '≤ ' + num(upTo, 1) + ' s'; });
    bars('#session-interactions tbody', usage.sessionInteractions, function (upTo) { return '≤ ' + num(upTo, 0); });
    var busiest = clear(document.querySelector('#busiest tbody'));
    usage.busiestMinutes.forEach(function (minute) {
      var row = el('tr');
      cell(row, time(minute.minute).replace(':00Z', 'Z'));
      cell(row, num(minute.requests, 0), 'num');
      busiest.appendChild(row);
    });
  }

  function emptyRow(columns, text) {
    var row = el('tr');
    var td = cell(row, text, 'empty');
    td.colSpan = columns;
    return row;
  }

  function bars(selector, buckets, label) {
    var body = clear(document.querySelector(selector));
    if (!buckets.length) {
      body.appendChild(emptyRow(3, 'no session ended yet'));
      return;
    }
    var max = Math.max.apply(null, buckets.map(function (b) { return b.count; }));
    buckets.forEach(function (bucket) {
      var row = el('tr');
      cell(row, bucket.upTo === null ? '> last bucket' : label(bucket.upTo));
      var bar = el('div', 'bar');
      bar.style.width = Math.max(1, Math.round(100 * bucket.count / max)) + '%';
      cell(row, '').appendChild(bar);
      cell(row, num(bucket.count, 0), 'num');
      body.appendChild(row);
    });
  }

  // --- error groups -----------------------------------------------------------------------------------------------
  var SPARK = '▁▂▃▄▅▆▇█';

  function spark(perMinute) {
    var max = Math.max.apply(null, perMinute.concat([0]));
    return perMinute.map(function (n) {
      return n === 0 ? ' ' : SPARK[Math.min(7, Math.floor(7 * n / Math.max(1, max)))];
    }).join('');
  }

  function renderErrors(errors, jaegerUrl) {
    var body = clear(document.querySelector('#errors tbody'));
    if (!errors.errors.length) {
      body.appendChild(emptyRow(8, 'no error seen'));
    }
    errors.errors.slice(0, 50).forEach(function (group) {
      var row = el('tr');
      row.dataset.fingerprint = group.fingerprint;
      cell(row, group.type, 'mono');
      cell(row, group.category);
      cell(row, group.topFrame, 'mono');
      cell(row, num(group.count, 0), 'num');
      var trend = cell(row, spark(group.perMinute || []), 'spark');
      trend.title = (group.lastFiveMinutes || 0) + ' in the last 5 minutes';
      cell(row, time(group.firstSeen));
      cell(row, time(group.lastSeen));
      var sample = cell(row, '');
      sample.appendChild(el('div', null, group.sample.message));
      traceLink(sample, group.sample.traceId, jaegerUrl);
      body.appendChild(row);
    });
  }

  // --- slowest turns: a small waterfall each --------------------------------------------------------------------
  function renderSlowTurns(slow, jaegerUrl) {
    var box = clear(document.getElementById('slow-turns'));
    if (!slow.turns.length) {
      box.appendChild(el('p', 'empty', 'no turn traced yet (turns reach this list through the span export)'));
    }
    slow.turns.forEach(function (turn) {
      var node = el('div', 'turn' + (turn.error ? ' error' : ''));
      node.dataset.traceId = turn.traceId;
      var head = el('div', 'head');
      head.appendChild(el('span', 'duration', num(turn.durationMs, 1) + ' ms'));
      head.appendChild(el('span', null, turn.name + (turn.command ? ' · ' + turn.command : '')));
      head.appendChild(el('span', null, time(turn.start)));
      traceLink(head, turn.traceId, jaegerUrl);
      node.appendChild(head);
      var depth = {};
      var waterfall = el('div', 'waterfall');
      var total = Math.max(turn.durationMs, 0.001);
      turn.steps.forEach(function (step) {
        var level = step.parentId && depth[step.parentId] !== undefined ? depth[step.parentId] + 1 : 0;
        depth[step.spanId] = level;
        var row = el('div', 'step' + (step.error ? ' error' : ''));
        var name = el('div', 'name', step.name);
        name.style.paddingLeft = (level * 12) + 'px';
        name.title = (step.component || '') + ' ' + step.name;
        row.appendChild(name);
        var track = el('div', 'track');
        var span = el('div', 'span');
        span.style.left = Math.min(100, 100 * step.offsetMs / total) + '%';
        span.style.width = Math.max(0.3, Math.min(100, 100 * step.durationMs / total)) + '%';
        track.appendChild(span);
        row.appendChild(track);
        row.appendChild(el('div', 'ms', num(step.durationMs, 2) + ' ms'));
        waterfall.appendChild(row);
      });
      node.appendChild(waterfall);
      box.appendChild(node);
    });
  }

  // --- trend charts (uPlot) -----------------------------------------------------------------------------------------
  var COLORS = ['#5b8def', '#e8710a', '#c62828', '#2e8540', '#8e44ad', '#00838f', '#6d4c41', '#9e9d24'];
  var CHARTS = [
    {id: 'latency', title: 'Response time (ms)', series: [['latency.p50', 'p50'], ['latency.p95', 'p95']],
      previous: 'latency.p95'},
    {id: 'throughput', title: 'Throughput (requests/s)', series: [['throughput', 'requests/s']], previous: 'throughput'},
    {id: 'errors', title: 'Errors by category (per s)', series: [['errors.validation', 'validation'],
      ['errors.database', 'database'], ['errors.timeout', 'timeout'], ['errors.resource', 'resource'],
      ['errors.internal', 'internal'], ['errors.other', 'other'], ['errors.user', 'user errors']]},
    {id: 'sessions', title: 'Active sessions', series: [['sessions.active', 'active']]},
    {id: 'heap', title: 'Heap used (MB)', series: [['heap.used', 'used']]},
    {id: 'cpu', title: 'CPU (%)', series: [['cpu.process', 'process'], ['cpu.system', 'system']]}
  ];

  function chartData(spec, trends) {
    var t = trends.t;
    var now = t.length ? t[t.length - 1] : 0;
    var start = 0;
    while (start < t.length && t[start] < now - HOUR) {
      start++;
    }
    var x = t.slice(start);
    var data = [x];
    spec.series.forEach(function (s) {
      data.push(trends.series[s[0]].slice(start));
    });
    if (spec.previous) {
      var byTime = {};
      var values = trends.series[spec.previous];
      for (var i = 0; i < start; i++) {
        byTime[Math.round(t[i] / 10)] = values[i];
      }
      data.push(x.map(function (time) {
        var v = byTime[Math.round((time - HOUR) / 10)];
        return v === undefined ? null : v;
      }));
    }
    return data;
  }

  // how many points the chart has (data-points) and how many of them are not zero (data-nonzero)
  function drawnPoints(data, nonZeroOnly) {
    var points = 0;
    for (var s = 1; s < data.length; s++) {
      data[s].forEach(function (v) {
        if (v !== null && isFinite(v) && (!nonZeroOnly || v !== 0)) {
          points++;
        }
      });
    }
    return points;
  }

  function renderTrends(trends) {
    var box = document.getElementById('charts');
    CHARTS.forEach(function (spec) {
      var data = chartData(spec, trends);
      var chart = charts[spec.id];
      if (!chart) {
        var holder = el('div', 'chart');
        holder.id = 'chart-' + spec.id;
        holder.appendChild(el('h3', null, spec.title));
        var plot = el('div');
        holder.appendChild(plot);
        box.appendChild(holder);
        var series = [{}];
        spec.series.forEach(function (s, i) {
          series.push({label: s[1], stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false});
        });
        if (spec.previous) {
          series.push({label: 'hour before', stroke: '#9aa5b1', dash: [5, 4], width: 1});
        }
        chart = new uPlot({width: Math.max(300, holder.clientWidth || 440), height: 200, series: series,
          scales: {x: {time: true}}, axes: [{}, {size: 60}], legend: {live: false}}, data, plot);
        chart.holder = holder;
        charts[spec.id] = chart;
      } else {
        chart.setData(data);
      }
      chart.holder.dataset.points = String(drawnPoints(data, false));
      chart.holder.dataset.nonzero = String(drawnPoints(data, true));
    });
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (id) {
      var chart = charts[id];
      chart.setSize({width: Math.max(300, chart.holder.clientWidth), height: 200});
    });
  });

  // --- the refresh loop -----------------------------------------------------------------------------------------
  var inFlight = false;
  var timer = null;

  function refresh() {
    if (inFlight) {
      return;
    }
    inFlight = true;
    clearTimeout(timer);
    var status = document.getElementById('status');
    Promise.all([api('api/summary'), api('api/trends'), api('api/errors'), api('api/slow-turns')])
      .then(function (answers) {
        var summary = answers[0];
        renderSummary(summary);
        renderTrends(answers[1]);
        renderErrors(answers[2], summary.jaegerUrl);
        renderSlowTurns(answers[3], summary.jaegerUrl);
        document.getElementById('token-form').hidden = true;
        status.className = 'status';
        status.textContent = 'updated ' + time(summary.generatedAt) + ' · refreshes every ' + REFRESH_MS / 1000 + ' s';
        refreshes++;
        document.body.dataset.refreshes = String(refreshes);
      }, function (failure) {
        status.className = 'status failed';
        status.textContent = 'not updated: ' + failure.message;
      })
      .then(function () {
        inFlight = false;
        timer = setTimeout(refresh, REFRESH_MS);
      });
  }

  document.getElementById('token-form').addEventListener('submit', function (event) {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value);
    document.getElementById('token').value = '';
    refresh();
  });

  refresh();
})();
