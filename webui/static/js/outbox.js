// Work recorded without a connection, kept in the phone's storage and sent
// later in the order it was recorded. One flush at a time: the `online`
// event, the timer and the page's load may all ask at once, and each item
// still goes exactly once.

export class Outbox {
  #storage;
  #key;
  #send;
  #onChange;
  #onRefused;
  #running = null;

  // send(item): resolves when the server took it; throws with `offline`
  // set when there is no connection (the item stays), any other error when
  // the server refused it (the item is dropped and onRefused(item, error)).
  constructor({ storage, key, send, onChange = () => {}, onRefused = () => {} }) {
    this.#storage = storage;
    this.#key = key;
    this.#send = send;
    this.#onChange = onChange;
    this.#onRefused = onRefused;
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

  get flushing() { return this.#running !== null; }

  // Sends what is kept, oldest first; the same promise to every caller
  // while a flush runs. Resolves with the number of items still kept.
  flush() {
    this.#running ??= this.#run().finally(() => { this.#running = null; });
    return this.#running;
  }

  async #run() {
    for (;;) {
      const list = this.items();
      if (!list.length) return 0;
      try {
        await this.#send(list[0]);
      } catch (err) {
        if (err && err.offline) return list.length;
        this.#onRefused(list[0], err);
      }
      // Only a flush removes, and one runs at a time: the first is still ours.
      this.#save(this.items().slice(1));
    }
  }
}
