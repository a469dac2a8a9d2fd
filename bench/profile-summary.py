"""Summary of an async-profiler recording in collapsed form (one line per stack: frames joined by ';',
then the sample count): the share of the samples spent in each layer of the server, in the
application's methods, and the largest methods, inclusive (the method or anything it calls) and self.

Usage: python3 bench/profile-summary.py profile.collapsed
"""
import collections
import sys

LAYERS = [  # (name, frame prefixes); a sample counts once per layer it passes through
    ('Storyworld (dev.storyworld)', ('dev.storyworld',)),
    ('HTTP: Grizzly', ('org.glassfish.grizzly',)),
    ('servlet container: Catalina, Payara web', ('org.apache.catalina', 'com.sun.enterprise.web', 'org.glassfish.web')),
    ('JAX-RS: Jersey, HK2', ('org.glassfish.jersey', 'org.jvnet.hk2')),
    ('CDI: Weld', ('org.jboss.weld',)),
    ('JTA and pools (Payara)', ('com.sun.enterprise.transaction', 'com.sun.enterprise.resource', 'com.sun.gjc')),
    ('JPA: EclipseLink', ('org.eclipse.persistence',)),
    ('JDBC: PostgreSQL driver', ('org.postgresql',)),
    ('JSON-B: Yasson', ('org.eclipse.yasson',)),
    ('JSON-P: Parsson', ('org.eclipse.parsson',)),
    ('Bean Validation: Hibernate Validator', ('org.hibernate.validator',)),
    ('Redis: Jedis', ('redis.clients',)),
    ('Payara (other)', ('fish.payara',)),
    ('OpenTelemetry', ('io.opentelemetry',)),
    ('JIT compiler threads', ('CompileBroker', 'C2Compiler', 'C1Compiler')),
    ('garbage collector', ('G1', 'GCTaskThread', 'WorkerThread::run', 'ConcurrentGCThread')),
]

stacks = []
for line in open(sys.argv[1]):
    line = line.rstrip('\n')
    if not line:
        continue
    frames, _, count = line.rpartition(' ')
    stacks.append(([f.replace('/', '.') for f in frames.split(';')], int(count)))
total = sum(count for _, count in stacks)
if total == 0:
    sys.exit('no samples')


def share(count):
    return f'{100 * count / total:6.1f} %'


print(f'{total} samples (1 ms of CPU each)')
# Each sample goes to the layer of its innermost frame that belongs to one (the JDK's and native frames go
# to the layer that called them): what each layer costs itself. The inclusive shares after it count the
# interceptors of CDI, JTA and Bean Validation with everything they wrap.
own = collections.Counter()
for frames, count in stacks:
    layer = next((name for frame in reversed(frames) for name, prefixes in LAYERS if frame.startswith(prefixes)),
                 'JVM and kernel, outside any layer')
    own[layer] += count
print('own share by layer (the innermost frame of a layer):')
for name, count in own.most_common():
    print(f'{share(count)}  {name}')
print('inclusive share by layer:')
for name, prefixes in LAYERS:
    count = sum(c for frames, c in stacks if any(f.startswith(prefixes) for f in frames))
    if count:
        print(f'{share(count)}  {name}')

inclusive = collections.Counter()
application = collections.Counter()
self_time = collections.Counter()
for frames, count in stacks:
    for frame in set(frames):
        inclusive[frame] += count
        if frame.startswith('dev.storyworld'):
            application[frame] += count
    self_time[frames[-1]] += count
print('inclusive share by application method (the 25 largest):')
for frame, count in application.most_common(25):
    print(f'{share(count)}  {frame}')
print('inclusive share by method, any package (the 50 largest):')
for frame, count in inclusive.most_common(50):
    print(f'{share(count)}  {frame}')
print('self share by method (the 30 largest):')
for frame, count in self_time.most_common(30):
    print(f'{share(count)}  {frame}')
