# お客様へのメール（server/src/emails.rs）。受け取る方の言語で送ります。
emails-footer = SonixNet カスタマーサポート
emails-greeting-name = { $name } 様
emails-greeting-anonymous = お客様
emails-greeting-there = お客様
emails-fact-number = 電話番号
emails-fact-data-added = 追加データ量
emails-fact-paid = お支払い金額
emails-fact-invoice = 請求書
emails-fact-item = 商品
emails-fact-plan = プラン
emails-fact-your-alert = 設定したアラート
emails-install-esim = eSIMをインストール
emails-welcome-subject = SonixNet ポータルへようこそ
emails-welcome-intro = SonixNet ポータルにご登録いただきありがとうございます。ログインはお客様番号 { $customer_number } に紐づいています。
emails-welcome-what = SIMの確認、データのチャージ、プランの変更、サポートへのお問い合わせをいつでもご利用いただけます。ご注文やチャージの前に、お支払い方法をご登録ください。登録場所はログイン後にポータルでご案内します。
emails-welcome-login = ログイン
emails-welcome-not-you = お心当たりのない場合は、このメールにご返信ください。ログインを停止いたします。
emails-reset-subject = SonixNet ポータルのパスワード再設定
emails-reset-intro = SonixNet ポータルのログインについて、パスワードの再設定のご依頼を受け付けました。
emails-reset-link = { $minutes }分以内にこのリンクを開いて、新しいパスワードを設定してください
emails-reset-once = このリンクは一度だけ使えます。お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。
emails-receipt-subject = データチャージの領収書
emails-receipt-text = ご利用の回線にデータチャージが反映されました。ありがとうございます。
emails-receipt-invoices = 請求書を見る
emails-order-subject = ご注文 { $order } の準備ができました
emails-order-text = ご注文 { $order } の手続きが完了しました。内容は以下のとおりです。
emails-order-subscriptions = ご契約を見る
emails-esim-subject = eSIMのインストール準備ができました
emails-esim-text = { $number } のeSIMの準備ができました。ポータルからお使いのスマートフォンにインストールしてください。別の端末で読み取るQRコードと、お手元のスマートフォン向けのワンタップインストールをご用意しています。
emails-esim-wifi = インストール中はスマートフォンをWi-Fiに接続したままにしてください。QRコードは一度だけ使えます。
emails-store-topup-subject = トラベルeSIMのチャージが完了しました
emails-store-topup-text = { $plan } をeSIM { $iccid } に追加しました。
emails-store-see-esims = eSIMを見る
emails-store-ready-subject = トラベルeSIMのインストール準備ができました
emails-store-ready-text = { $count ->
    [1] eSIMの準備ができました。注文ページを開いてインストールしてください。お手元のスマートフォンではワンタップ（iPhone）またはアクティベーションコード（Android）で、別の端末からはQRコードを読み取ってインストールできます。
   *[other] { $count }件のeSIMの準備ができました。注文ページを開いてインストールしてください。お手元のスマートフォンではワンタップ（iPhone）またはアクティベーションコード（Android）で、別の端末からはQRコードを読み取ってインストールできます。
}
emails-store-alert-used = データ使用量が{ $percent }%に達しました
emails-store-alert-ends = プランの終了まで1日を切りました
emails-store-alert-subject = トラベルeSIM: { $headline }
emails-store-alert-text = ご利用のトラベルeSIM（{ $iccid }）で、{ $headline }。
emails-store-alert-add-data = データを追加
emails-store-alert-usage = eSIMの使用量とプラン: { $url }
emails-usage-alert-subject = データアラート（{ $number }）: { $alert }
emails-usage-alert-link = チャージ・使用量の確認
emails-usage-alert-monthly = このメールは、設定したアラートごとに月1回お送りしています。アラートはSIMのページで変更できます。
