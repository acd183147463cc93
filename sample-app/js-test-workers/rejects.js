// An async handler whose promise rejects: the run fails like a thrown exception.
export default {
  async fetch() {
    await Promise.resolve();
    throw new RangeError("the value is out of range");
  },
};
