import { describeRoomContract } from '../../test/support/room-contract.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from './memory-room.js';

// The in-memory room against the contract a homeserver keeps (test/support/room-contract.ts).
describeRoomContract('MemoryRoom', async () => {
  const [MOD, ALICE, BOB] = ['@mo:contract.test', '@alice:contract.test', '@bob:contract.test'];
  const room = new MemoryRoom({ creator: '@olga:contract.test', powerLevels: { users: { [MOD]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
  for (const user of [MOD, ALICE, BOB]) room.join(user);
  const people = { mod: MOD, alice: ALICE, bob: BOB };
  let newcomers = 0;
  return {
    as: async (person) => room.as(people[person]),
    newcomer: async () => {
      const user = `@newcomer${++newcomers}:contract.test`;
      room.join(user);
      return room.as(user);
    },
  };
});
