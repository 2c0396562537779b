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
  document.addEventListener('pointerdown', function () {
    pointerDown = true;
  }, true);
  document.addEventListener('pointerup', function () {
    // After the click the release makes.
    setTimeout(function () {
      pointerDown = false;
    }, 0);
  }, true);
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
  document.addEventListener('htmx:afterSettle', function (event) {
    if (!event.detail.elt || event.detail.elt.id !== 'run-live') {
      return;
    }
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
  });

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
