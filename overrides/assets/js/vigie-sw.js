/* Vigie's service worker for one language (hooks/offline.py writes it as
   <language>/sw.js with VERSION and PRECACHE filled in). It keeps the home,
   helplines, "what to do" and warning-signs pages with their assets, so the
   tap-to-call numbers open with no network. Pages: network first, the cached
   copy when offline or slow. Assets: cache first. Nothing else is stored,
   nothing leaves this origin, nothing is tracked. */
var VERSION = "__VERSION__";
var PREFIX = "__PREFIX__";
var PRECACHE = __PRECACHE__;
var CACHE = PREFIX + VERSION;
var SLOW_MS = 4000;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.addAll(PRECACHE);
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys.map(function (key) {
            return key.indexOf(PREFIX) === 0 && key !== CACHE ? caches.delete(key) : null;
          })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

function fromNetwork(request, cache) {
  return fetch(request).then(function (response) {
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
}

function networkFirst(request, cache, cached) {
  var network = fromNetwork(request, cache);
  if (!cached) return network;
  var slow = new Promise(function (resolve) {
    setTimeout(function () {
      resolve(cached);
    }, SLOW_MS);
  });
  return Promise.race([network.catch(function () { return cached; }), slow]);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(request, { ignoreSearch: true }).then(function (cached) {
        if (request.mode === "navigate") {
          if (!cached) return fetch(request);
          return networkFirst(request, cache, cached);
        }
        return cached || fetch(request);
      });
    })
  );
});
