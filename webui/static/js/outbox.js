// Work recorded on the phone, kept in its storage and sent later in the
// order it was recorded: without a connection it waits for one, and an item
// with `sendAfter` (ms since the epoch) waits until then, so it can still be
// taken back ("Deshacer"). One flush at a time: the `online` event, the
// timer and the page's load may all ask at once, and each item still goes
// exactly once.

export class Outbox {
  #storage;
  #key;
  #send;
  #onChange;
  #onRefused;
  #now;
  #later;
  #running = null;
  #sending = null; // the key of the item on its way
  #wake = null;

  // send(item): resolves when the server took it; throws with `offline`
  // set when there is no connection (the item stays), any other error when
  // the server refused it (the item is dropped and onRefused(item, error)).
  constructor({ storage, key, send, onChange = () => {}, onRefused = () => {}, now = () => Date.now(), later = setTimeout }) {
    this.#storage = storage;
    this.#key = key;
    this.#send = send;
    this.#onChange = onChange;
    this.#onRefused = onRefused;
    this.#now = now;
    this.#later = later;
  }

  items() {
    try {
      const list = JSON.parse(this.#storage.getItem(this.#key) || "[]");
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  #save(list) {
    this.#storage.setItem(this.#key, JSON.stringify(list));
    this.#onChange(list);
  }

  add(item) { this.#save([...this.items(), item]); }

  // Takes back the item whose `key` is `key` if it has not gone yet: true
  // when taken back.
  remove(key) {
    if (this.#sending === key) return false;
    const list = this.items();
    const rest = list.filter((i) => i.key !== key);
    if (rest.length === list.length) return false;
    this.#save(rest);
    return true;
  }

  // Items that could go now (not waiting for their `sendAfter`).
  due() { return this.items().filter((i) => !(i.sendAfter > this.#now())); }

  get flushing() { return this.#running !== null; }

  // Sends what is due, oldest first; the same promise to every caller while
  // a flush runs. Resolves with the number of items still kept.
  flush() {
    this.#running ??= this.#run().finally(() => { this.#running = null; });
    return this.#running;
  }

  async #run() {
    for (;;) {
      const list = this.items();
      if (!list.length) return 0;
      const first = list[0];
      if (first.sendAfter > this.#now()) {
        // Its time to be taken back is not over: a flush then.
        if (!this.#wake) this.#wake = this.#later(() => { this.#wake = null; this.flush(); }, first.sendAfter - this.#now() + 10);
        return list.length;
      }
      this.#sending = first.key;
      try {
        await this.#send(first);
      } catch (err) {
        if (err && err.offline) {
          this.#onChange(this.items()); // now due and still here: "pending"
          return list.length;
        }
        this.#onRefused(first, err);
      } finally {
        this.#sending = null;
      }
      // Only a flush removes what was sent, and one runs at a time: drop it by its place or key.
      const now = this.items();
      this.#save(first.key !== undefined ? now.filter((i) => i.key !== first.key) : now.slice(1));
    }
  }
}
