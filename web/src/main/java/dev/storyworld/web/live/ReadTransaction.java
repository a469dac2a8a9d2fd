package dev.storyworld.web.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Each read of a feed in a transaction of its own: on the streams' threads, which serve no request, a read
 * outside one (a service's {@code SUPPORTS} method) found its entity manager closed.
 */
@ApplicationScoped
public class ReadTransaction {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void run(Runnable read) {
        read.run();
    }
}
