'use strict';
// Adminer's everyday job against a MySQL server, in headless Chromium. The database
// GUI_DB must hold a table `items` (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR,
// price DECIMAL) with a row whose name is 'pen'. Environment: GUI_URL (adminer.php's
// address), GUI_SERVER (host:port), GUI_USER, GUI_PASSWORD, GUI_DB, GUI_SHOTS.
const {runSteps, expectText} = require('./steps');

const env = process.env;
const base = env.GUI_URL;
const where = `server=${encodeURIComponent(env.GUI_SERVER)}&username=${encodeURIComponent(env.GUI_USER)}`;
const at = (query) => `${base}?${where}&db=${encodeURIComponent(env.GUI_DB)}${query}`;

runSteps('adminer', '.error', [
  ['login', async (page) => {
    await page.goto(base);
    await page.locator('select[name="auth[driver]"]').selectOption('server');
    await page.fill('input[name="auth[server]"]', env.GUI_SERVER);
    await page.fill('input[name="auth[username]"]', env.GUI_USER);
    await page.fill('input[name="auth[password]"]', env.GUI_PASSWORD);
    await page.click('input[type=submit][value="Login"]');
    await page.waitForLoadState('load');
    await expectText(page, 'MySQL', env.GUI_DB);
  }],
  ['open-database', async (page) => {
    await page.goto(at(''));
    await page.locator('#tables a', {hasText: 'items'}).first().waitFor();
  }],
  ['browse-table', async (page) => {
    await page.goto(at('&select=items'));
    await page.locator('table.checkable td', {hasText: 'pen'}).first().waitFor();
  }],
  ['table-structure', async (page) => {
    await page.goto(at('&table=items'));
    await expectText(page, 'decimal(8,2)', 'PRIMARY');
  }],
  ['alter-table-page', async (page) => {
    await page.goto(at('&create=items'));
    await page.locator('input[name="name"]').waitFor();
    const name = await page.inputValue('input[name="name"]');
    if (name !== 'items') throw new Error(`the form names the table ${name}`);
  }],
  ['create-table', async (page) => {
    await page.goto(at('&create='));
    await page.fill('input[name="name"]', 'notes');
    await page.fill('input[name="fields[1][field]"]', 'id');
    await page.locator('select[name="fields[1][type]"]').selectOption('int');
    await page.check('input[name="auto_increment_col"][value="1"]');
    await page.fill('input[name="fields[1.1][field]"]', 'body');
    await page.locator('select[name="fields[1.1][type]"]').selectOption('varchar');
    await page.fill('input[name="fields[1.1][length]"]', '100');
    await page.click('input[type=submit][value="Save"]');
    await page.waitForLoadState('load');
    await expectText(page, 'Table has been created.');
  }],
  ['insert-row', async (page) => {
    await page.goto(at('&edit=items'));
    await page.fill('[name="fields[name]"]', 'lamp');
    await page.fill('[name="fields[price]"]', '12.75');
    await page.click('input[type=submit][value="Save"]');
    await page.waitForLoadState('load');
    await expectText(page, 'Item', 'has been inserted.');
    await page.goto(at('&select=items'));
    await page.locator('table.checkable td', {hasText: 'lamp'}).first().waitFor();
  }],
  ['edit-row', async (page) => {
    await page.goto(at('&edit=items&where%5Bid%5D=1'));
    const before = await page.inputValue('[name="fields[name]"]');
    if (before !== 'pen') throw new Error(`row 1 shows name ${before}`);
    await page.fill('[name="fields[name]"]', 'fountain pen');
    await page.click('input[type=submit][value="Save"]');
    await page.waitForLoadState('load');
    await expectText(page, 'Item has been updated.');
    await page.goto(at('&select=items'));
    await page.locator('table.checkable td', {hasText: 'fountain pen'}).first().waitFor();
  }],
  ['run-query', async (page) => {
    await page.goto(at('&sql='));
    // Adminer replaces the textarea with a highlighting editor: type into whichever shows.
    await page.locator('.sqlarea:visible').first().click();
    await page.keyboard.type('SELECT name, price * 2 AS doubled FROM items ORDER BY id;');
    await page.click('input[type=submit][value="Execute"]');
    await page.waitForLoadState('load');
    await page.locator('table td', {hasText: '25.50'}).first().waitFor();
  }],
  ['export', async (page) => {
    await page.goto(at('&dump='));
    await page.check('input[name="output"][value="text"]');
    await page.click('input[type=submit][value="Export"]');
    await page.waitForLoadState('load');
    const text = await page.locator('body').innerText();
    for (const wanted of ['CREATE TABLE `items`', 'INSERT INTO `items`', 'fountain pen', 'CREATE TABLE `notes`']) {
      if (!text.includes(wanted)) throw new Error(`the export lacks ${wanted}`);
    }
  }],
  ['server-status', async (page) => {
    await page.goto(`${base}?${where}&status=`);
    await expectText(page, 'Uptime');
    await page.goto(`${base}?${where}&variables=`);
    await expectText(page, 'max_allowed_packet');
    await page.goto(`${base}?${where}&privileges=`);
    await expectText(page, env.GUI_USER);
  }],
]);
