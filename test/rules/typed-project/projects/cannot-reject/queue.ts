// A class whose method is added to its prototype beside it, declared through an interface merged with
// the class (ioredis' Pipeline.prototype.exec): the checker resolves the call to the interface.
async function send(): Promise<void> {
  await fetch('https://example.test/queue');
}

export class Queue {
  pending = 0;
}

export interface Queue {
  flush(): Promise<void>;
  push(): Promise<void>;
}

Queue.prototype.flush = async function (this: Queue) {
  try {
    await send();
  } catch (error) {
    console.error('flush failed', error);
  }
};

Queue.prototype.push = async function (this: Queue) {
  this.pending += 1;
  await send();
};
