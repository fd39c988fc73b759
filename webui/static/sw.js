// The service worker (Workbox, from npm): the app shell of this release is
// kept on the device, so a field phone without signal still opens Cartero;
// the session, the label tables and the assigned zones' lists are read from
// the network first and from the last copy when there is none. The server
// writes the release in place of {{version}}: a new release is a new worker,
// which replaces the old shell at once.
importScripts("/v/{{version}}/vendor/workbox/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: "/v/{{version}}/vendor/workbox/", debug: false });

const RELEASE = "/v/{{version}}/";
// The shell: the page, its styles and the modules the field page needs.
const SHELL = ["style.css", "logo.svg", "vendor/bootstrap.min.css", "vendor/bootstrap.bundle.min.js",
  "js/main.js", "js/api.js", "js/dom.js", "js/labels.js", "js/router.js", "js/csv.js", "js/ui.js", "js/format.js",
  "js/outbox.js", "js/pages/field.js"];

workbox.core.skipWaiting();
workbox.core.clientsClaim();
workbox.precaching.cleanupOutdatedCaches();
workbox.precaching.precacheAndRoute([{ url: "/", revision: "{{version}}" }, ...SHELL.map((f) => ({ url: RELEASE + f, revision: null }))]);

// Reads a field phone needs again without signal.
const OFFLINE_READS = /^\/api\/(me|labels|brand|causes|field\/lists)$/;
workbox.routing.registerRoute(
  ({ url, request }) => request.method === "GET" && url.origin === self.location.origin && OFFLINE_READS.test(url.pathname) &&
    !url.searchParams.has("format"),
  new workbox.strategies.NetworkFirst({ cacheName: "cartero-api", networkTimeoutSeconds: 5 }),
);

// Signing out forgets what was kept for the session.
self.addEventListener("message", (event) => {
  if (event.data === "logout") event.waitUntil(caches.delete("cartero-api"));
});
