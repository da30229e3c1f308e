// The dashboard's service worker, registered by assets/app.js (served at <base>/_app/sw.js).
// One job: hand Streamlit's client its start-up files and the code of a page's first run from the two responses
// web/bundle.py makes of them, instead of about sixty requests each, six at a time over HTTP/1.1 (bench/README.md,
// "The client's code in two bundles"). It answers only the URLs a page of this app has named, Streamlit's content-hashed files, which never
// change under their name, and only while it holds them; every other request (the pages, the websocket, data
// downloads, anything it has not been told of) goes to the network untouched, as if there were no worker.
// To retire it, serve a sw.js that calls self.registration.unregister(): browsers check this file on each visit.
"use strict";

// Absolute URL -> { promise, resolve, batch }: the promise gives { body, type } or null (then: the network).
var files = new Map();
var NAME = /^[\w.\-]+\.(js|css)$/;
// How long a request waits for a bundle that was announced: longer than the bundle takes on a slow line (330 kB).
var WAIT_MS = 20000;
var TYPES = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  // The page that registered this worker is served by it from now on, not only from its next load.
  event.waitUntil(self.clients.claim());
});

function entry(url, batch) {
  var found = files.get(url);
  if (found) return found;
  var made = { batch: batch, done: false };
  made.promise = new Promise(function (resolve) {
    made.resolve = function (value) {
      if (made.done) return;
      made.done = true;
      resolve(value);
    };
  });
  files.set(url, made);
  return made;
}

function staticUrl(prefix, name) {
  var kind = NAME.exec(name);
  return kind ? prefix + kind[1] + "/" + name : null;
}

// The bundle: a JSON line [[name, length], ...], then the files' bytes in that order.
function unpack(buffer) {
  var bytes = new Uint8Array(buffer);
  var end = bytes.indexOf(10);
  if (end < 0) return null;
  var index = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end)));
  var at = end + 1;
  var out = [];
  for (var i = 0; i < index.length; i++) {
    var name = String(index[i][0]);
    var length = Number(index[i][1]);
    if (!(length >= 0) || at + length > bytes.length) return null;
    out.push({ name: name, body: buffer.slice(at, at + length) });
    at += length;
  }
  return at === bytes.length ? out : null;
}

self.addEventListener("message", function (event) {
  var data = event.data;
  if (!data || typeof data !== "object" || typeof data.prefix !== "string") return;
  // Only the static folder of the pages this worker serves: a message cannot make it answer for other URLs.
  var prefix = self.registration.scope + "static/";
  if (data.prefix !== prefix) return;
  if (data.type === "expect" && Array.isArray(data.names)) {
    // Before the bundle is here: a request for one of these waits for it rather than racing it.
    data.names.forEach(function (name) {
      var url = staticUrl(prefix, String(name));
      if (url) entry(url, data.batch);
    });
    // A page closed before its bundle came would otherwise leave these requests waiting for good.
    setTimeout(function () { release(data.batch); }, WAIT_MS);
  } else if (data.type === "bundle") {
    var parts = null;
    try {
      parts = data.buffer instanceof ArrayBuffer ? unpack(data.buffer) : null;
    } catch (e) {
      parts = null;
    }
    (parts || []).forEach(function (part) {
      var url = staticUrl(prefix, part.name);
      if (url) entry(url, data.batch).resolve({ body: part.body, type: TYPES[NAME.exec(part.name)[1]] });
    });
    release(data.batch);
    // The page waits for this before it starts the client, so that no request can come before the files.
    if (event.ports && event.ports[0]) event.ports[0].postMessage("ready");
  }
});

// Whatever a batch expected and did not get goes to the network.
function release(batch) {
  files.forEach(function (made, url) {
    if (made.batch === batch && !made.done) {
      made.resolve(null);
      files.delete(url);
    }
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var made = files.get(request.url);
  if (!made) return;
  event.respondWith(made.promise.then(function (file) {
    return file ? new Response(file.body, { status: 200, headers: { "Content-Type": file.type } }) : fetch(request);
  }).catch(function () {
    return fetch(request);
  }));
});
