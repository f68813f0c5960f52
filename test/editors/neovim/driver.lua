-- Plays a user in Neovim for test/lsp/neovim.test.ts, on top of the configuration from
-- docs/editors.md (already loaded by the init file): opens a dependency file, waits for the server,
-- asks for a hover and the code actions on one line, runs spec.command if there is one, stops the
-- server, writes what it saw as JSON to spec.result, and quits. Every step follows an event: the
-- `User ChainsightStatus` autocmd that the documented module fires, the answer to a request, or the
-- server's message. The timer is only a failsafe.
local spec = vim.json.decode(table.concat(vim.fn.readfile(os.getenv('CHAINSIGHT_NVIM_SPEC')), '\n'))
local chainsight = require('chainsight')

local result = { messages = {}, diagnostics = {}, diagnostic_events = 0 }
local phase = 'waiting for the server to start'
local client
local finished = false

local function finish(err)
  if finished then
    return
  end
  finished = true
  result.error = err
  vim.fn.writefile({ vim.json.encode(result) }, spec.result)
  vim.cmd(err and 'cquit 3' or 'qall!')
end

-- Runs a step; a Lua error ends the run with that error instead of leaving Neovim waiting.
local function step(fn)
  return function(...)
    local ok, err = pcall(fn, ...)
    if not ok then
      finish(phase .. ': ' .. tostring(err))
    end
  end
end

-- Where Neovim reports, for instance, a server it could not start: keep it for failure messages.
vim.notify = function(message)
  table.insert(result.messages, tostring(message))
end

vim.defer_fn(function()
  finish('timed out ' .. phase)
end, spec.timeout_ms)

vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function()
    result.diagnostic_events = result.diagnostic_events + 1
  end,
})

local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get()) do
    table.insert(out, {
      file = vim.api.nvim_buf_get_name(d.bufnr),
      line = d.lnum,
      col = d.col,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      code = d.code,
      source = d.source,
    })
  end
  return out
end

local function request(method, params, callback)
  client.request(method, params, step(function(err, answer)
    if err then
      error(method .. ' failed: ' .. vim.inspect(err))
    end
    callback(answer)
  end), vim.api.nvim_get_current_buf())
end

local function stop()
  phase = 'waiting for the server to exit'
  client.stop()
end

-- Runs spec.command (Lua a user types) and keeps the message the server answers with.
local function run_command()
  phase = 'waiting for the outcome of the command'
  vim.lsp.handlers['window/showMessage'] = step(function(_, message)
    if message.message:find('Chainsight', 1, true) and not result.command_message then
      result.command_message = message.message
      stop()
    end
  end)
  assert(loadstring(spec.command))()
end

-- What a user gets from K and from `:lua vim.lsp.buf.code_action()` with the cursor on the target.
local function hover_and_actions()
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, true)
  for index, text in ipairs(lines) do
    if text:find(spec.target.line, 1, true) then
      -- The 1-based start of the text is, 0-based, its second character: inside it.
      local start = text:find(spec.target.text, 1, true)
      vim.api.nvim_win_set_cursor(0, { index, start })
      break
    end
  end
  phase = 'waiting for the hover'
  request('textDocument/hover', vim.lsp.util.make_position_params(), function(hover)
    result.hover = hover and vim.lsp.util.convert_input_to_markdown_lines(hover.contents) or vim.NIL
    -- The parameters vim.lsp.buf.code_action() sends in Neovim 0.7.
    local params = vim.lsp.util.make_range_params()
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0) }
    phase = 'waiting for the code actions'
    request('textDocument/codeAction', params, function(actions)
      result.code_actions = {}
      for _, action in ipairs(actions or {}) do
        table.insert(result.code_actions, {
          title = action.title,
          kind = action.kind,
          preferred = action.isPreferred == true,
          edit = action.edit ~= nil,
          command = action.command and action.command.command or vim.NIL,
        })
      end
      if spec.command then
        run_command()
      else
        stop()
      end
    end)
  end)
end

vim.api.nvim_create_autocmd('User', {
  pattern = 'ChainsightStatus',
  callback = step(function()
    if not client then
      client = vim.lsp.get_client_by_id(next(chainsight.status))
      result.server_pid = client.rpc.pid
      result.commands = client.server_capabilities.executeCommandProvider or vim.NIL
      -- A rescan answers only after it has read every setting the client sent before it and
      -- published its diagnostics, so what the buffer holds then is the server's final word.
      phase = 'waiting for chainsight/scanWorkspace'
      request('chainsight/scanWorkspace', nil, function(scan)
        result.scan = scan
        result.status = chainsight.status[client.id]
        result.diagnostics = diagnostics()
        hover_and_actions()
      end)
    elseif client.is_stopped() and chainsight.status[client.id] == nil then
      -- The documented module clears a client's status when its server has exited.
      finish(nil)
    end
  end),
})

phase = 'opening ' .. spec.open
vim.cmd('edit ' .. vim.fn.fnameescape(spec.open))
