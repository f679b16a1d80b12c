// The service worker: keeps the shell (styles, icons, the offline page) so the installed app
// opens without a network, and shows the offline page, in plain words, when a page cannot load.
// Pages themselves are never cached: they hold a person's cases and must be current.
const SHELL = "loket-shell-v1";
const FILES = [
  "/offline.html",
  "/style.css",
  "/assets/utrecht/design-tokens.css",
  "/assets/utrecht/component-library.css",
  "/icons/loket.svg",
  "/icons/loket-192.png",
  "/manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match("/offline.html")));
    return;
  }
  if (FILES.includes(url.pathname)) {
    // The network first (styles change with a release), the shell's copy when offline.
    event.respondWith(fetch(request).catch(() => caches.match(request)));
  }
});
