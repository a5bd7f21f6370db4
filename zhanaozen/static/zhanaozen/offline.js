// A classroom that survives a lost connection: registers the service worker (/sw.js, see
// zhanaozen/offline.py), asks it to keep this page and what it loaded, and drives the "Save for
// offline" button, which keeps a whole tour ahead (every stop's page, the handout, the outline).
//
// The button (#save-offline) carries the configuration: data-worker (the worker's address), data-manifest (what the
// tour needs, tours/offline.py; absent where there is nothing to save ahead) and the texts it shows
// (data-saving, data-saved, data-failed).

export class OfflineKeeper {
  constructor(button) {
    this.button = button;
    this.label = button.textContent;
  }

  async start() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    const registration = await navigator.serviceWorker.register(this.button.dataset.worker, { updateViaCache: "none" });
    // A deploy with a new worker: look for it each time a slideshow opens.
    registration.update().catch(() => {});
    const worker = (await navigator.serviceWorker.ready).active;
    // What this page loaded before the worker could see it: the page itself, its files, the outline.
    const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
    const maps = [...document.querySelectorAll("[data-map-config]")].map((el) => JSON.parse(el.dataset.mapConfig).basemapUrl);
    await this.send(worker, { keep: [location.href.split("#")[0], ...loaded, ...maps] });
    this.button.dataset.kept = "true"; // this page would show again offline
    if (this.button.dataset.manifest) {
      this.button.hidden = false;
      this.button.addEventListener("click", () => this.save());
    }
  }

  // The worker's answers come on a port of their own: progress, then the last one (all done).
  send(worker, message, onProgress = () => {}) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = ({ data }) => {
        if (data.finished) resolve(data);
        else onProgress(data);
      };
      worker.postMessage(message, [channel.port2]);
    });
  }

  async save() {
    const { button } = this;
    button.disabled = true;
    button.textContent = button.dataset.saving;
    try {
      const response = await fetch(button.dataset.manifest, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(response.statusText);
      const { urls } = await response.json();
      const worker = (await navigator.serviceWorker.ready).active;
      const result = await this.send(worker, { save: urls }, ({ done, total }) => {
        button.textContent = `${button.dataset.saving} ${done}/${total}`;
      });
      if (result.failed) throw new Error(`${result.failed} not kept`);
      button.textContent = button.dataset.saved;
      button.dataset.state = "saved";
    } catch {
      button.textContent = button.dataset.failed;
      button.dataset.state = "failed";
    } finally {
      button.disabled = false;
    }
  }
}

const button = document.getElementById("save-offline");
// Without a worker (an old browser, a refused registration) the page is as it was: online only.
if (button) new OfflineKeeper(button).start().catch(() => {});
