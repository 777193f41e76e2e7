"""Search analytics without a database write per search.

A search request only touches the cache: it takes a sequence number in the current
one-minute slot (``cache.incr``, atomic in Redis and in the local-memory cache) and
stores its event (day, language, query, number of results) under that number. The
first search of each slot enqueues ``flush_search_analytics_task`` (``search.tasks``),
which adds up the events of the slots that are over, writes them to
``SearchQueryStat`` in one transaction (a few queries whatever the number of
searches) and removes them from the cache. ``manage.py flush_search_analytics`` does
the same from cron.

Why the cache and not a task per search: with a database-backed task queue, enqueueing
is itself a database write per search, and with the immediate backend it is a
synchronous one. Here at most one request a minute (or a worker) writes, in a batch.
With Redis (``REDIS_URL``) every app server shares the buffer; with the local-memory
cache each process buffers and flushes its own searches.

Analytics must never break a search: every cache or database error is logged and
swallowed.
"""

import logging
import time
from collections import defaultdict
from datetime import UTC, date, datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SearchQueryStat

logger = logging.getLogger(__name__)

SLOT_SECONDS = 60
EVENT_TTL = 2 * 24 * 60 * 60
LOOKBACK_SLOTS = 24 * 60
PREFIX = "hubsearch:analytics"
LAST_FLUSHED_KEY = f"{PREFIX}:last-flushed"
LOCK_KEY = f"{PREFIX}:flush-lock"


def _slot(now: float) -> int:
    return int(now // SLOT_SECONDS)


def _counter_key(slot: int) -> str:
    return f"{PREFIX}:n:{slot}"


def _event_key(slot: int, position: int) -> str:
    return f"{PREFIX}:e:{slot}:{position}"


def record_search(query: str, language: str, result_count: int, *, now: float | None = None):
    """Buffer one search in the cache; schedule a flush once per slot."""
    if not query:
        return
    now = time.time() if now is None else now
    try:
        slot = _slot(now)
        counter = _counter_key(slot)
        cache.add(counter, 0, EVENT_TTL)
        position = cache.incr(counter)
        day = timezone.localdate(datetime.fromtimestamp(now, tz=UTC)).isoformat()
        cache.set(_event_key(slot, position), (day, language, query, result_count), EVENT_TTL)
        first_of_slot = cache.add(f"{PREFIX}:scheduled:{slot}", 1, EVENT_TTL)
    except Exception:
        logger.warning("Search analytics: could not buffer a search", exc_info=True)
        return
    if first_of_slot:
        try:
            from .tasks import flush_search_analytics_task

            flush_search_analytics_task.enqueue()
        except Exception:
            logger.warning("Search analytics: could not enqueue the flush", exc_info=True)


def _collect(first: int, last: int):
    slots = range(first, last + 1)
    counters = cache.get_many([_counter_key(slot) for slot in slots])
    event_keys = [
        _event_key(slot, position)
        for slot in slots
        for position in range(1, int(counters.get(_counter_key(slot)) or 0) + 1)
    ]
    events = {}
    for start in range(0, len(event_keys), 1000):
        events.update(cache.get_many(event_keys[start : start + 1000]))
    return list(counters), event_keys, list(events.values())


def _aggregate(events) -> dict[tuple[date, str, str], list[int]]:
    totals: dict[tuple[date, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for day, language, query, result_count in events:
        entry = totals[(date.fromisoformat(day), language, query)]
        entry[0] += 1
        entry[1] += 1 if result_count == 0 else 0
        entry[2] = result_count
    return totals


def _write(totals) -> None:
    with transaction.atomic():
        existing = {
            (stat.date, stat.language, stat.query): stat
            for stat in SearchQueryStat.objects.select_for_update().filter(
                date__in={key[0] for key in totals},
                language__in={key[1] for key in totals},
                query__in={key[2] for key in totals},
            )
        }
        changed, new = [], []
        for (day, language, query), (searches, zero, last_count) in totals.items():
            stat = existing.get((day, language, query))
            if stat is None:
                new.append(
                    SearchQueryStat(
                        date=day,
                        language=language,
                        query=query,
                        searches=searches,
                        zero_result_searches=zero,
                        last_result_count=last_count,
                    )
                )
            else:
                stat.searches += searches
                stat.zero_result_searches += zero
                stat.last_result_count = last_count
                changed.append(stat)
        SearchQueryStat.objects.bulk_update(
            changed, ["searches", "zero_result_searches", "last_result_count"]
        )
        SearchQueryStat.objects.bulk_create(new)


def flush(*, now: float | None = None) -> int:
    """Write the buffered searches of the finished slots; return how many were written."""
    now = time.time() if now is None else now
    # A request may still be storing its event in the previous slot: leave it a minute.
    last = _slot(now) - 2
    if not cache.add(LOCK_KEY, 1, 120):
        return 0
    try:
        previous = cache.get(LAST_FLUSHED_KEY)
        first = previous + 1 if previous is not None else last - LOOKBACK_SLOTS
        if first > last:
            return 0
        counter_keys, event_keys, events = _collect(first, last)
        totals = _aggregate(events)
        if totals:
            try:
                _write(totals)
            except IntegrityError:
                # Another process created one of the rows meanwhile: it exists now.
                _write(totals)
        cache.delete_many(event_keys + counter_keys)
        cache.set(LAST_FLUSHED_KEY, last, None)
        return len(events)
    finally:
        cache.delete(LOCK_KEY)
