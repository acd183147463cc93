package dev.wasmworkers.engine.wasi;

import java.util.concurrent.TimeUnit;

import com.dylibso.chicory.runtime.Memory;

/**
 * {@code poll_oneoff}: waits for clocks, and reports descriptors as ready at once, since
 * stdin, the outputs and files never block here.
 *
 * <p>
 * When some descriptor subscription is ready (or fails), the call returns those events
 * and the clocks already due without waiting; otherwise it sleeps until the first clock
 * is due and reports every clock due by then. The sleep ends at once when the thread is
 * interrupted.
 */
final class PollCalls {

	/** Bytes of a {@code subscription}. */
	private static final int SUBSCRIPTION_SIZE = 48;

	/** Bytes of an {@code event}. */
	private static final int EVENT_SIZE = 32;

	/** {@code eventtype}: a clock. */
	private static final int CLOCK = 0;

	/** {@code eventtype}: a descriptor to read. */
	private static final int FD_READ = 1;

	/** {@code eventtype}: a descriptor to write. */
	private static final int FD_WRITE = 2;

	/** {@code subclockflags}: the timeout is an absolute time of the clock. */
	private static final int ABSOLUTE = 1;

	private PollCalls() {
	}

	/** {@code poll_oneoff(in, out, nsubscriptions, nevents_ptr)}. */
	static int pollOneoff(WasiContext context, Memory memory, int in, int out, int count, int eventsPointer) {
		if (count == 0) {
			throw new ErrnoException(Errno.INVAL);
		}
		long subscriptions = Integer.toUnsignedLong(count);
		GuestMemory.check(memory, in, subscriptions * SUBSCRIPTION_SIZE);
		GuestMemory.check(memory, out, subscriptions * EVENT_SIZE);
		GuestMemory.check(memory, eventsPointer, 4);
		long now = System.nanoTime();
		long firstDue = Long.MAX_VALUE;
		boolean descriptorReady = false;
		for (int i = 0; i < count; i++) {
			Interruption.check();
			int subscription = in + i * SUBSCRIPTION_SIZE;
			int type = memory.read(subscription + 8) & 0xff;
			if (type == CLOCK) {
				firstDue = Math.min(firstDue, due(context, memory, subscription, now));
			}
			else {
				descriptorReady = true;
			}
		}
		if (!descriptorReady && firstDue != Long.MAX_VALUE) {
			sleepUntil(firstDue);
		}
		long time = System.nanoTime();
		int events = 0;
		for (int i = 0; i < count; i++) {
			Interruption.check();
			int subscription = in + i * SUBSCRIPTION_SIZE;
			int type = memory.read(subscription + 8) & 0xff;
			int event = out + events * EVENT_SIZE;
			if (type == CLOCK) {
				long due = due(context, memory, subscription, now);
				if (due <= time || due == Long.MIN_VALUE) {
					writeEvent(memory, event, memory.readLong(subscription),
							(due == Long.MIN_VALUE) ? Errno.INVAL : Errno.SUCCESS, CLOCK, 0);
					events++;
				}
			}
			else if (type == FD_READ || type == FD_WRITE) {
				descriptorEvent(context, memory, subscription, event, type);
				events++;
			}
			else {
				writeEvent(memory, event, memory.readLong(subscription), Errno.INVAL, type, 0);
				events++;
			}
		}
		memory.writeI32(eventsPointer, events);
		return Errno.SUCCESS;
	}

	/**
	 * When a clock subscription is due, on {@link System#nanoTime()}'s scale;
	 * {@link Long#MIN_VALUE} for a clock that does not exist, which is reported at once.
	 */
	private static long due(WasiContext context, Memory memory, int subscription, long now) {
		int clock = memory.readInt(subscription + 16);
		long timeout = memory.readLong(subscription + 24);
		int flags = memory.readShort(subscription + 40) & 0xffff;
		long clockNow;
		try {
			clockNow = ProcessCalls.now(context, clock);
		}
		catch (ErrnoException ex) {
			return Long.MIN_VALUE;
		}
		long wait = ((flags & ABSOLUTE) != 0) ? timeout - clockNow : timeout;
		if (wait < 0 && (flags & ABSOLUTE) == 0) {
			// A relative timeout above 2^63 ns (292 years): as good as never.
			return Long.MAX_VALUE - 1;
		}
		return now + Math.max(0, Math.min(wait, Long.MAX_VALUE / 2));
	}

	private static void sleepUntil(long due) {
		for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
			try {
				TimeUnit.NANOSECONDS.sleep(left);
			}
			catch (InterruptedException ex) {
				throw Interruption.of(ex);
			}
		}
	}

	private static void descriptorEvent(WasiContext context, Memory memory, int subscription, int event, int type) {
		long userdata = memory.readLong(subscription);
		Descriptor descriptor = context.descriptors().get(memory.readInt(subscription + 16));
		if (descriptor == null) {
			writeEvent(memory, event, userdata, Errno.BADF, type, 0);
			return;
		}
		long available = 0;
		if (type == FD_READ && descriptor instanceof InputDescriptor input) {
			available = input.remaining();
		}
		else if (type == FD_READ && descriptor instanceof FileDescriptor file) {
			available = unread(file);
		}
		writeEvent(memory, event, userdata, Errno.SUCCESS, type, available);
	}

	/** The bytes left to read in a file, 0 when they cannot be known. */
	private static long unread(FileDescriptor file) {
		StackReserve.ensure();
		try {
			return Math.max(0, HostIo.call(() -> file.channel().size() - file.channel().position()));
		}
		catch (ErrnoException ex) {
			return 0;
		}
	}

	private static void writeEvent(Memory memory, int event, long userdata, int errno, int type, long bytes) {
		memory.writeLong(event, userdata);
		memory.writeLong(event + 8, 0);
		memory.writeShort(event + 8, (short) errno);
		memory.writeByte(event + 10, (byte) type);
		memory.writeLong(event + 16, bytes);
		memory.writeLong(event + 24, 0);
	}

}
