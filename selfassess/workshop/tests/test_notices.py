"""A stream waits for notices with a timeout again and again (keep-alives, countdowns); no
notice may be lost when a wait times out.

Against Redis, as several workers run: channels_redis's publish/subscribe layer unsubscribes a
channel whose receive is cancelled, so a wait that cancelled its receive on timing out (as
``asyncio.wait_for`` does) dropped whatever was published before the next wait subscribed
again. In the 1,000-phone room benchmark that left three phones never told a vote had opened.
"""

import asyncio
import random
from concurrent.futures import ThreadPoolExecutor

from channels_redis.pubsub import RedisPubSubChannelLayer

from selfassess.workshop.stream import Notices


def test_no_notice_is_lost_however_the_timeouts_fall(redis_url):
    async def run():
        layer = RedisPubSubChannelLayer(hosts=[redis_url])
        channel = await layer.new_channel()
        await layer.group_add("workshop-1-room", channel)
        notices = Notices(layer, channel)
        chooser = random.Random(14)
        sent = 200

        async def publish():
            for number in range(sent):
                await asyncio.sleep(chooser.uniform(0, 0.004))
                await layer.group_send("workshop-1-room", {"type": "n", "n": number})

        publishing = asyncio.ensure_future(publish())
        received = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 20
        while len(received) < sent and loop.time() < deadline:
            message = await notices.next(chooser.choice([0.0005, 0.001, 0.002, 0.005]))
            if message is not None:
                received.append(message["n"])
        await publishing
        notices.close()
        await layer.group_discard("workshop-1-room", channel)
        await layer.flush()
        return sent, received

    # A loop of its own on a thread of its own: earlier tests in the same process (the browser
    # ones) may leave an event loop running on this thread, where asyncio.run refuses.
    with ThreadPoolExecutor(max_workers=1) as thread:
        sent, received = thread.submit(asyncio.run, run()).result()
    assert sorted(received) == list(range(sent))
