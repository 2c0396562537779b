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
