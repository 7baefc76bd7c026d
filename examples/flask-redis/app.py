"""Book 7.2's counter: each visit increments a number kept in redis.

redis is found by name: mydocker writes the names of the containers on the
same network into each one's /etc/hosts (BOOK-NOTES, chapter 7).
"""
import os

from flask import Flask
from redis import Redis

app = Flask(__name__)
redis = Redis(host=os.environ.get("REDIS_HOST", "redis"), port=6379)


@app.route("/")
def count():
    return f"Hello from flask in mydocker! I have been seen {redis.incr('hits')} times.\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
