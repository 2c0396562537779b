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
})();
