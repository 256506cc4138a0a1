// asterai:js-fetch@0.1.0 in JavaScript, built with componentize-js's http feature
// (examples/components/build.sh --http): fetch() goes out through wasi:http/outgoing-handler, so
// the host's allow-list decides where it may go.

export const fetcher = {
  async get(url) {
    try {
      const response = await fetch(url);
      const text = await response.text();
      return `${response.status} ${text}`;
    } catch (e) {
      throw String(e && e.message || e);
    }
  },
};
