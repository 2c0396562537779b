// The live parts of the pages ask for themselves with htmx. Nothing is asked while the tab is hidden,
// and a banner says so while the console cannot be reached (a restart, a rolling deploy, a VPN drop),
// until it answers again.
(function () {
  function polling(element) {
    var trigger = element && element.getAttribute ? element.getAttribute('hx-trigger') : null;
    return trigger !== null && trigger.indexOf('every ') === 0;
  }

  function connectionLost(lost) {
    var banner = document.getElementById('connection-lost');
    if (banner) {
      banner.hidden = !lost;
    }
  }

  document.addEventListener('htmx:beforeRequest', function (event) {
    if (document.hidden && polling(event.detail.elt)) {
      event.preventDefault();
    }
  });
  document.addEventListener('htmx:sendError', function () {
    connectionLost(true);
  });
  document.addEventListener('htmx:responseError', function (event) {
    if (event.detail.xhr && event.detail.xhr.status >= 502) {
      connectionLost(true);
    }
  });
  document.addEventListener('htmx:afterRequest', function (event) {
    if (event.detail.successful) {
      connectionLost(false);
    }
  });

  // A live section replaced by its poll keeps what the operator is doing in it: open <details> stay
  // open, the focused element keeps the focus. While text is selected in it, or a pointer is pressed
  // on it (a click under way), the poll's answer is not swapped in: the next one is.
  var pointerDown = false;
  var pressed = null;
  document.addEventListener('pointerdown', function (event) {
    pointerDown = true;
    pressed = event.target;
  }, true);
  ['pointerup', 'pointercancel'].forEach(function (name) {
    document.addEventListener(name, function () {
      // After the click the release makes.
      setTimeout(function () {
        pointerDown = false;
        pressed = null;
      }, 0);
    }, true);
  });
  function selecting(element) {
    var selection = window.getSelection();
    return selection && !selection.isCollapsed && selection.rangeCount > 0
      && element.contains(selection.getRangeAt(0).commonAncestorContainer);
  }
  function keyOf(element) {
    if (element.id) {
      return '#' + CSS.escape(element.id);
    }
    var href = element.getAttribute && element.getAttribute('href');
    return href ? element.tagName.toLowerCase() + '[href="' + CSS.escape(href) + '"]' : null;
  }
  var kept = null;
  document.addEventListener('htmx:beforeSwap', function (event) {
    var target = event.detail.target;
    if (!target || !polling(event.detail.requestConfig ? event.detail.requestConfig.elt : null)) {
      return;
    }
    if (pointerDown || selecting(target)) {
      event.detail.shouldSwap = false;
      return;
    }
    var focused = document.activeElement;
    kept = {
      open: Array.prototype.map.call(target.querySelectorAll('details[open][id]'), function (details) {
        return details.id;
      }),
      focus: focused && focused !== document.body && target.contains(focused) ? keyOf(focused) : null
    };
  });
  document.addEventListener('htmx:afterSettle', function () {
    if (!kept) {
      return;
    }
    kept.open.forEach(function (id) {
      var details = document.getElementById(id);
      if (details) {
        details.open = true;
      }
    });
    var focus = kept.focus ? document.querySelector(kept.focus) : null;
    if (focus && document.activeElement !== focus) {
      focus.focus({ preventScroll: true });
    }
    kept = null;
  });

  // Paging or sorting replaces the list: focus goes to the element the link names (the summary above
  // the new page, or the same column's heading), not back to the top of the document.
  document.addEventListener('htmx:afterSettle', function (event) {
    var source = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
    var name = source && source.getAttribute ? source.getAttribute('data-focus-after') : null;
    var target = name ? document.getElementById(name) : null;
    if (target) {
      target.focus({ preventScroll: name === 'results-summary' ? false : true });
    }
  });

  // The masthead marks the section of the page shown.
  document.querySelectorAll('.masthead nav a').forEach(function (link) {
    var path = link.getAttribute('href');
    if (path && (location.pathname === path || location.pathname.indexOf(path + '/') === 0)) {
      link.setAttribute('aria-current', 'page');
    }
  });

  // A posted form (Launch, Cancel, Retry...) can take seconds: its buttons are disabled once it is sent,
  // so a second click cannot send it again, and the form says it is busy. The clicked button's value
  // is sent first (disabling waits for the event to end).
  function buttons(form) {
    return form.querySelectorAll('button[type=submit], button:not([type])');
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.method || form.method.toLowerCase() !== 'post' || form.hasAttribute('hx-post')) {
      return;
    }
    form.setAttribute('aria-busy', 'true');
    setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });
  // A run's page: its title carries its progress ("37/120 · run r…"), and once the operator asks with a
  // click, the browser says when the run on the open page ends or pauses (nothing is asked without it).
  var notifyMe = document.getElementById('notify-me');
  var runState = document.getElementById('run-state');
  var lastState = runState ? runState.textContent.trim() : null;
  var titleSuffix = document.title.indexOf(' · ') >= 0 ? document.title.substring(document.title.lastIndexOf(' · ')) : '';
  function wanted(runId) {
    return window.Notification && Notification.permission === 'granted'
      && sessionStorage.getItem('reembed-notify-' + runId) === 'yes';
  }
  if (notifyMe && window.Notification && Notification.permission !== 'denied') {
    var runId = notifyMe.getAttribute('data-run');
    notifyMe.hidden = wanted(runId);
    notifyMe.addEventListener('click', function () {
      Notification.requestPermission().then(function (answer) {
        if (answer === 'granted') {
          sessionStorage.setItem('reembed-notify-' + runId, 'yes');
          notifyMe.hidden = true;
        }
      });
    });
  }
  function runUpdated() {
    var state = document.getElementById('run-state');
    var progress = document.getElementById('run-progress-label');
    var runId = notifyMe ? notifyMe.getAttribute('data-run') : null;
    if (!state || !progress || !runId) {
      return;
    }
    var now = state.textContent.trim();
    var counts = progress.textContent.match(/(\d+) of (\d+)/);
    var live = now === 'RUNNING' || now === 'PAUSED';
    document.title = (live && counts ? counts[1] + '/' + counts[2] + ' · ' : '') + 'run ' + runId + titleSuffix;
    if (now !== lastState && now !== 'RUNNING' && wanted(runId)) {
      var outcome = document.getElementById('run-outcome');
      new Notification('Run ' + runId + ' ' + now.toLowerCase(),
        { body: (outcome ? outcome.textContent.trim() + '. ' : '') + progress.textContent.trim(), tag: runId });
    }
    lastState = now;
  }

  // A run's live section listens to its update stream (htmx's sse extension). Each update replaces
  // only the parts and rows that changed, by id, and moves rows into their new order. While a pointer
  // is pressed in the section updates wait for the release; a part holding a text selection waits
  // until the selection is gone.
  // Running tasks' times are counted here, from the server's clock, so their rows change only when
  // their bot does. A hidden tab closes its stream (a browser allows few connections per console
  // over HTTP/1.1) and opens it again when shown; the first update then brings the page up to date.
  var live = document.getElementById('run-live');
  if (live && live.hasAttribute('sse-connect')) {
    var held = {};
    var clockOffset = 0;
    var lastHeard = Date.now();
    var source = null;
    var elements = function (html) {
      var template = document.createElement('template');
      template.innerHTML = html || '';
      return Array.prototype.slice.call(template.content.children);
    };
    // Updates that came while a pointer was pressed in the live section: applied, in order, on release
    // (any change above the pressed element could move it from under the pointer).
    var queued = [];
    // The same markup as shown (a page's first update brings every part): nothing to replace. Times the
    // browser counts and opened details are not differences.
    var normalised = function (element) {
      var copy = element.cloneNode(true);
      copy.querySelectorAll('[data-since]').forEach(function (cell) {
        cell.textContent = '';
      });
      copy.querySelectorAll('details[open]').forEach(function (details) {
        details.removeAttribute('open');
      });
      copy.querySelectorAll('noscript').forEach(function (noscript) {
        noscript.remove();
      });
      return copy.outerHTML.replace(/\s+/g, ' ').replace(/> </g, '><');
    };
    var replace = function (old, fresh) {
      if (normalised(old) === normalised(fresh)) {
        delete held[fresh.id];
        return;
      }
      if (selecting(old)) {
        held[fresh.id] = fresh;
        document.dispatchEvent(new CustomEvent('reembed:held', { detail: { id: fresh.id } }));
        return;
      }
      delete held[fresh.id];
      old.querySelectorAll('details[open][id]').forEach(function (details) {
        var twin = fresh.querySelector('#' + CSS.escape(details.id));
        if (twin) {
          twin.open = true;
        }
      });
      old.replaceWith(fresh);
      htmx.process(fresh);
    };
    var reorder = function (ids, fresh) {
      var body = document.getElementById('run-rows');
      var cursor = body.firstElementChild;
      var place = function (element) {
        if (element === cursor) {
          cursor = cursor.nextElementSibling;
        } else {
          var isNew = !element.isConnected;
          body.insertBefore(element, cursor);
          if (isNew) {
            htmx.process(element);
          }
        }
      };
      ids.forEach(function (id) {
        var row = document.getElementById(id) || fresh[id];
        if (!row) {
          return;
        }
        place(row);
        var log = row.getAttribute('data-log');
        var logRow = log ? document.getElementById(log) || fresh[log] : null;
        if (logRow) {
          place(logRow);
        }
      });
      while (cursor) {
        var next = cursor.nextElementSibling;
        cursor.remove();
        cursor = next;
      }
    };
    // Words.duration's format: "42 s", "3 min 07 s", "1 h 04 min".
    var tick = function () {
      live.querySelectorAll('[data-since]').forEach(function (cell) {
        var seconds = Math.max(0, Math.floor((Date.now() + clockOffset - Number(cell.getAttribute('data-since'))) / 1000));
        var two = function (n) {
          return (n < 10 ? '0' : '') + n;
        };
        cell.textContent = seconds < 60 ? seconds + ' s' : seconds < 3600
          ? Math.floor(seconds / 60) + ' min ' + two(seconds % 60) + ' s'
          : Math.floor(seconds / 3600) + ' h ' + two(Math.floor(seconds % 3600 / 60)) + ' min';
      });
    };
    var apply = function (update) {
      var focused = document.activeElement;
      var focusKey = focused && focused !== document.body && live.contains(focused) ? keyOf(focused) : null;
      clockOffset = update.at - Date.now();
      elements(update.parts).forEach(function (fresh) {
        var old = document.getElementById(fresh.id);
        if (old) {
          replace(old, fresh);
        }
      });
      var fresh = {};
      elements(update.rows).forEach(function (row) {
        var old = document.getElementById(row.id);
        if (!old) {
          fresh[row.id] = row;
        } else if (!row.classList.contains('bot-log')) {
          replace(old, row);
        }
      });
      if (update.order) {
        reorder(update.order, fresh);
      }
      var refocus = focusKey ? live.querySelector(focusKey) : null;
      if (refocus && document.activeElement !== refocus) {
        refocus.focus({ preventScroll: true });
      }
      tick();
      runUpdated();
      document.dispatchEvent(new CustomEvent('reembed:updated'));
    };
    var flush = function () {
      Object.keys(held).forEach(function (id) {
        var old = document.getElementById(id);
        if (!old) {
          delete held[id];
        } else if (!selecting(old)) {
          replace(old, held[id]);
        }
      });
    };
    ['pointerup', 'pointercancel'].forEach(function (name) {
      document.addEventListener(name, function () {
        setTimeout(function () {
          var waiting = queued;
          queued = [];
          waiting.forEach(apply);
          flush();
        }, 0);
      }, true);
    });
    document.addEventListener('selectionchange', function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed) {
        flush();
      }
    });
    live.addEventListener('htmx:sseBeforeMessage', function (event) {
      event.preventDefault();
      lastHeard = Date.now();
      connectionLost(false);
      var update = JSON.parse(event.detail.data);
      if (pressed && live.contains(pressed)) {
        queued.push(update);
        document.dispatchEvent(new CustomEvent('reembed:held', { detail: { id: 'run-live' } }));
      } else {
        apply(update);
      }
    });
    live.addEventListener('htmx:sseOpen', function (event) {
      source = event.detail.source;
      lastHeard = Date.now();
      connectionLost(false);
    });
    live.addEventListener('htmx:sseError', function () {
      if (!document.hidden) {
        connectionLost(true);
      }
    });
    live.addEventListener('htmx:sseClose', function () {
      source = null;
    });
    document.addEventListener('visibilitychange', function () {
      if (document.hidden && source) {
        source.close();
        source = null;
      } else if (!document.hidden && !source && document.getElementById('run-live') === live
          && document.getElementById('run-state').textContent.trim().match(/^(RUNNING|PAUSED)$/)) {
        var url = live.getAttribute('sse-connect').replace(/[?&]shown=\d+$/, '');
        live.setAttribute('sse-connect', url + (url.indexOf('?') < 0 ? '?' : '&') + 'shown=' + Date.now());
        lastHeard = Date.now();
        htmx.process(live);
      }
    });
    setInterval(function () {
      tick();
      var stamp = document.getElementById('run-updated');
      var beat = stamp ? Number(stamp.getAttribute('data-beat') || 60) : 60;
      if (source && Date.now() - lastHeard > (beat + 10) * 1000) {
        connectionLost(true);
      }
    }, 1000);
  }

  // Back to a page kept by the browser: its forms work again.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      document.querySelectorAll('form[aria-busy=true]').forEach(function (form) {
        form.removeAttribute('aria-busy');
        buttons(form).forEach(function (button) {
          button.disabled = false;
        });
      });
    }
  });
})();
