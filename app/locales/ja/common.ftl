# 共通の語句、ヘッダーとレイアウト。
common-days = { $count ->
   *[other] { $count }日
}
common-brand-sub = マイモバイル
common-nav-subscriptions = ご契約
common-nav-billing = ご請求
common-nav-shop = ショップ
common-nav-store = 海外eSIM
common-nav-orders = ご注文
common-nav-support = サポート
common-nav-account-title = アカウントとログイン中の端末
common-logout = ログアウト
common-login = ログイン
common-signup = 新規登録
common-language = 言語
common-loading = 読み込み中…
common-try-again = もう一度試す
common-dismiss = 閉じる
common-site-title = SonixNet ポータル
common-site-description = SonixNet のモバイル契約と SIM を管理できます。
common-modal-close = 閉じる
common-nothing-changed = データは安全です。何も変更されていません。
