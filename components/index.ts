/**
 * `devroom`: registers every devroom element. Importing a single element
 * (`devroom/talk-player`, …) registers only that one.
 */
import './food-truck-menu/define.js';
import './talk-player/define.js';
import './qa-queue/define.js';
import './stand-booth/define.js';
