// asterai:wasi-clock@0.1.0 in JavaScript, built with componentize-js's default WASI features
// (stdio, clocks, random; examples/components/build.sh --wasi): console.log, Date.now() and
// Math.random() reach the host through wasi:cli, wasi:clocks and wasi:random imports.

export const clock = {
  log(message) {
    console.log(message);
    return message;
  },

  nowMs() {
    return BigInt(Date.now());
  },

  random() {
    return Math.random();
  },
};
